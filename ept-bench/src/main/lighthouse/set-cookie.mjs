// Puts EPT's session cookie into a running Chromium through the DevTools protocol, as a browser that logged in
// has it (HttpOnly, SameSite=Strict): then every request of the page, websockets included, carries it.
//   usage: node --experimental-websocket set-cookie.mjs <debugging port> <base URL> <session file (JSON {"session": ...})>
import { readFileSync } from 'node:fs';

const [port, base, sessionFile] = process.argv.slice(2);
const url = new URL(base);
const session = JSON.parse(readFileSync(sessionFile, 'utf8')).session;
const version = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json();
const socket = new WebSocket(version.webSocketDebuggerUrl);
await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
socket.send(JSON.stringify({ id: 1, method: 'Storage.setCookies', params: { cookies: [{
  name: 'session', value: session, domain: url.hostname, path: url.pathname.replace(/\/$/, '') || '/',
  httpOnly: true, sameSite: 'Strict', secure: url.protocol === 'https:' }] } }));
const reply = await new Promise((resolve) => { socket.onmessage = (m) => resolve(JSON.parse(m.data)); });
socket.close();
if (reply.error) {
  console.error('setting the cookie failed: ' + JSON.stringify(reply.error));
  process.exit(1);
}
