package io.ept.web.ui.scripts;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.context.ResponseWriterWrapper;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Takes the page's JavaScript out of the page and ends the body with a loader that fetches it after the first paint.
 *
 * <p>On a slow link the browser otherwise shares the bandwidth between the style sheets the first paint waits for
 * and PrimeFaces' scripts (about 260 KiB compressed), and the page's largest text paints only once most of them have
 * arrived. The loader starts after the first paint (a timeout from a requestAnimationFrame callback), loads the
 * scripts in their order and then runs the page's inline scripts, in order, as PrimeFaces' own "move scripts to the
 * bottom, deferred" mode runs them on DOMContentLoaded. {@code window.eptScriptsPending} is true until they have
 * run; then the document gets the event {@code ept:scripts-ready}. Scripts of another type (data, modules) stay
 * where they are.
 *
 * <p>Faces renders through clones of the writer (cloneWithWriter); the clones share one {@link PageScripts}.
 */
final class ScriptsAfterPaintWriter extends ResponseWriterWrapper {

    private static final String SCRIPT = "script";

    private final PageScripts page;
    /** The script element being captured: its attributes, then its text. */
    private Map<String, String> scriptAttributes;
    private StringBuilder scriptText;

    ScriptsAfterPaintWriter(ResponseWriter wrapped) {
        this(wrapped, new PageScripts());
    }

    private ScriptsAfterPaintWriter(ResponseWriter wrapped, PageScripts page) {
        super(wrapped);
        this.page = page;
    }

    @Override
    public ResponseWriter cloneWithWriter(Writer writer) {
        return new ScriptsAfterPaintWriter(getWrapped().cloneWithWriter(writer), page);
    }

    @Override
    public void startElement(String name, UIComponent component) throws IOException {
        if (SCRIPT.equalsIgnoreCase(name) && scriptAttributes == null) {
            scriptAttributes = new LinkedHashMap<>();
            scriptText = new StringBuilder();
            return;
        }
        if (("body".equalsIgnoreCase(name) || "html".equalsIgnoreCase(name)) && scriptAttributes != null) {
            throw new IllegalStateException("<" + name + "> inside a <script> element");
        }
        super.startElement(name, component);
    }

    @Override
    public void endElement(String name) throws IOException {
        if (SCRIPT.equalsIgnoreCase(name) && scriptAttributes != null) {
            Map<String, String> attributes = scriptAttributes;
            String text = scriptText.toString();
            scriptAttributes = null;
            scriptText = null;
            if (isJavaScript(attributes.get("type"))) {
                page.add(attributes.get("src"), text);
            } else {
                writeScript(attributes, text);
            }
            return;
        }
        if ("body".equalsIgnoreCase(name) || "html".equalsIgnoreCase(name)) {
            writeLoader();
        }
        super.endElement(name);
    }

    @Override
    public void writeAttribute(String name, Object value, String property) throws IOException {
        if (scriptAttributes != null) {
            scriptAttributes.put(name.toLowerCase(Locale.ROOT), value == null ? null : value.toString());
        } else {
            super.writeAttribute(name, value, property);
        }
    }

    @Override
    public void writeURIAttribute(String name, Object value, String property) throws IOException {
        if (scriptAttributes != null) {
            scriptAttributes.put(name.toLowerCase(Locale.ROOT), value == null ? null : value.toString());
        } else {
            super.writeURIAttribute(name, value, property);
        }
    }

    @Override
    public void writeText(Object text, String property) throws IOException {
        if (scriptText != null) {
            scriptText.append(text);
        } else {
            super.writeText(text, property);
        }
    }

    @Override
    public void writeText(Object text, UIComponent component, String property) throws IOException {
        if (scriptText != null) {
            scriptText.append(text);
        } else {
            super.writeText(text, component, property);
        }
    }

    @Override
    public void writeText(char[] text, int off, int len) throws IOException {
        if (scriptText != null) {
            scriptText.append(text, off, len);
        } else {
            super.writeText(text, off, len);
        }
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        if (scriptText != null) {
            scriptText.append(cbuf, off, len);
        } else {
            super.write(cbuf, off, len);
        }
    }

    @Override
    public void write(char[] cbuf) throws IOException {
        write(cbuf, 0, cbuf.length);
    }

    @Override
    public void write(String str) throws IOException {
        if (scriptText != null) {
            scriptText.append(str);
        } else {
            super.write(str);
        }
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        if (scriptText != null) {
            scriptText.append(str, off, off + len);
        } else {
            super.write(str, off, len);
        }
    }

    @Override
    public void write(int c) throws IOException {
        if (scriptText != null) {
            scriptText.append((char) c);
        } else {
            super.write(c);
        }
    }

    private static boolean isJavaScript(String type) {
        if (type == null || type.isBlank()) {
            return true;
        }
        String t = type.trim().toLowerCase(Locale.ROOT);
        return t.equals("text/javascript") || t.equals("application/javascript") || t.equals("text/ecmascript");
    }

    private void writeScript(Map<String, String> attributes, String text) throws IOException {
        ResponseWriter out = getWrapped();
        out.startElement(SCRIPT, null);
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            out.writeAttribute(attribute.getKey(), attribute.getValue(), null);
        }
        out.write(text);
        out.endElement(SCRIPT);
    }

    private void writeLoader() throws IOException {
        String loader = page.takeLoader();
        if (loader != null) {
            ResponseWriter out = getWrapped();
            out.startElement(SCRIPT, null);
            out.write(loader);
            out.endElement(SCRIPT);
        }
    }

    /** The scripts of one page: files to load in order, then inline code to run in order. */
    static final class PageScripts {

        // after the first paint: requestAnimationFrame callbacks run just before a frame is painted (never while
        // the style sheets still block rendering), the timeout just after; a hidden page loads at once
        private static final String LOADER = """
                (function (sources, run) {
                  window.eptScriptsPending = true;
                  var started = false;
                  function start() {
                    if (started) { return; }
                    started = true;
                    var left = sources.length + 1;
                    function loaded() {
                      if (--left > 0) { return; }
                      try { run(); } finally {
                        // after the widgets, which jQuery's ready callbacks create in timeouts of their own
                        setTimeout(function () {
                          window.eptScriptsPending = false;
                          document.dispatchEvent(new Event('ept:scripts-ready'));
                        }, 0);
                      }
                    }
                    sources.forEach(function (src) {
                      var script = document.createElement('script');
                      script.src = src;
                      script.async = false;
                      script.onload = script.onerror = loaded;
                      document.head.appendChild(script);
                    });
                    loaded();
                  }
                  if (document.visibilityState === 'hidden') { start(); }
                  else { requestAnimationFrame(function () { setTimeout(start, 0); }); }
                })(""";

        private final Set<String> sources = new LinkedHashSet<>();
        private final List<String> inline = new ArrayList<>();
        private boolean written;

        void add(String src, String text) {
            if (src != null && !src.isBlank()) {
                sources.add(src);
            } else if (!text.isBlank()) {
                inline.add(text);
            }
        }

        /** The loader for the scripts collected so far, once; null when there is none or it was written already. */
        String takeLoader() {
            if (written || (sources.isEmpty() && inline.isEmpty())) {
                return null;
            }
            written = true;
            StringBuilder js = new StringBuilder(LOADER.length() + 256 + inline.stream().mapToInt(String::length).sum());
            js.append(LOADER).append('[');
            String separator = "";
            for (String source : sources) {
                js.append(separator).append(jsString(source));
                separator = ", ";
            }
            js.append("], function () {\n");
            for (String code : inline) {
                js.append(code).append(";\n");
            }
            return js.append("});").toString();
        }

        /** A JavaScript string literal that cannot end the script element it sits in. */
        static String jsString(String s) {
            StringBuilder out = new StringBuilder(s.length() + 2).append('"');
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\' || c == '<' || c == '>' || c < 0x20 || c == '\u2028' || c == '\u2029') {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }
    }
}
