package io.ept.web.ui.scripts;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.ResponseWriter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptsAfterPaintWriterTest {

    @Test
    void everyScriptLeavesThePageAndTheBodyEndsWithTheLoader() throws IOException {
        StringWriter html = new StringWriter();
        ResponseWriter w = new ScriptsAfterPaintWriter(new PlainHtmlWriter(html));
        w.startElement("html", null);
        w.startElement("head", null);
        script(w, "/ept/jakarta.faces.resource/jquery.js.xhtml?ln=primefaces&v=15", null);
        script(w, null, "if(window.PrimeFaces){PrimeFaces.settings={locale:'en'};}");
        w.endElement("head");
        w.startElement("body", null);
        w.startElement("div", null);
        w.writeAttribute("class", "ept-card", null);
        w.writeText("Dashboard", null);
        w.endElement("div");
        script(w, "/ept/jakarta.faces.resource/core.js.xhtml?ln=primefaces&v=15", null);
        script(w, null, "$(function(){PrimeFaces.cw('Dialog','about',{id:'about'});});");
        script(w, "/ept/jakarta.faces.resource/jquery.js.xhtml?ln=primefaces&v=15", null);
        w.endElement("body");
        w.endElement("html");

        String page = html.toString();
        String beforeLoader = page.substring(0, page.indexOf("<script>"));
        assertEquals("<html><head></head><body><div class=\"ept-card\">Dashboard</div>", beforeLoader);
        assertTrue(page.endsWith("</script></body></html>"), page);
        assertEquals(1, page.split("<script", -1).length - 1, "one script element: the loader");
        String loader = page.substring(page.indexOf("<script>"));
        assertTrue(loader.contains("(["
                + "\"/ept/jakarta.faces.resource/jquery.js.xhtml?ln=primefaces&v=15\", "
                + "\"/ept/jakarta.faces.resource/core.js.xhtml?ln=primefaces&v=15\"], function () {\n"
                + "if(window.PrimeFaces){PrimeFaces.settings={locale:'en'};};\n"
                + "$(function(){PrimeFaces.cw('Dialog','about',{id:'about'});});;\n"
                + "});</script>"), "files in order, each once, then the inline code in order: " + loader);
        assertTrue(loader.contains("requestAnimationFrame"), loader);
    }

    @Test
    void scriptsOfAnotherTypeStayWhereTheyAre() throws IOException {
        StringWriter html = new StringWriter();
        ResponseWriter w = new ScriptsAfterPaintWriter(new PlainHtmlWriter(html));
        w.startElement("body", null);
        w.startElement("script", null);
        w.writeAttribute("type", "application/json", null);
        w.writeAttribute("id", "data", null);
        w.write("{\"a\":1}");
        w.endElement("script");
        w.endElement("body");
        assertEquals("<body><script type=\"application/json\" id=\"data\">{\"a\":1}</script></body>", html.toString());
    }

    @Test
    void clonesCollectIntoTheSamePage() throws IOException {
        StringWriter html = new StringWriter();
        ResponseWriter original = new ScriptsAfterPaintWriter(new PlainHtmlWriter(html));
        ResponseWriter buffer = original.cloneWithWriter(new StringWriter());
        script(buffer, "/a.js", null);
        ResponseWriter w = original.cloneWithWriter(html);
        w.startElement("body", null);
        script(w, "/b.js", null);
        w.endElement("body");
        assertTrue(html.toString().contains("([\"/a.js\", \"/b.js\"], function () {\n});</script></body>"), html.toString());
    }

    @Test
    void aPageWithoutScriptsGetsNoLoader() throws IOException {
        StringWriter html = new StringWriter();
        ResponseWriter w = new ScriptsAfterPaintWriter(new PlainHtmlWriter(html));
        w.startElement("body", null);
        w.writeText("hello", null);
        w.endElement("body");
        assertEquals("<body>hello</body>", html.toString());
    }

    @Test
    void sourcesCannotEndTheLoadersScriptElement() {
        String literal = ScriptsAfterPaintWriter.PageScripts.jsString("/x.js?a=\"</script><b>\\\n");
        assertFalse(literal.substring(1, literal.length() - 1).matches(".*[\"<>\\n].*"), literal);
        assertEquals("\"/x.js?a=\\u0022\\u003c/script\\u003e\\u003cb\\u003e\\u005c\\u000a\"", literal);
    }

    private static void script(ResponseWriter w, String src, String text) throws IOException {
        w.startElement("script", null);
        w.writeAttribute("type", "text/javascript", null);
        if (src != null) {
            w.writeURIAttribute("src", src, null);
        }
        if (text != null) {
            w.write(text);
        }
        w.endElement("script");
    }

    /** Tags as they are called, attributes quoted, no escaping: enough to see what reaches the page. */
    private static final class PlainHtmlWriter extends ResponseWriter {
        private final Writer out;
        private boolean startTagOpen;

        PlainHtmlWriter(Writer out) {
            this.out = out;
        }

        private void closeStartTag() throws IOException {
            if (startTagOpen) {
                out.write('>');
                startTagOpen = false;
            }
        }

        @Override public String getContentType() { return "text/html"; }
        @Override public String getCharacterEncoding() { return "UTF-8"; }
        @Override public void flush() throws IOException { closeStartTag(); }
        @Override public void startDocument() { }
        @Override public void endDocument() { }
        @Override public void startElement(String name, UIComponent component) throws IOException {
            closeStartTag();
            out.write("<" + name);
            startTagOpen = true;
        }
        @Override public void endElement(String name) throws IOException {
            closeStartTag();
            out.write("</" + name + ">");
        }
        @Override public void writeAttribute(String name, Object value, String property) throws IOException {
            out.write(" " + name + "=\"" + value + "\"");
        }
        @Override public void writeURIAttribute(String name, Object value, String property) throws IOException {
            writeAttribute(name, value, property);
        }
        @Override public void writeComment(Object comment) throws IOException {
            closeStartTag();
            out.write("<!--" + comment + "-->");
        }
        @Override public void writeText(Object text, String property) throws IOException {
            closeStartTag();
            out.write(String.valueOf(text));
        }
        @Override public void writeText(char[] text, int off, int len) throws IOException {
            closeStartTag();
            out.write(text, off, len);
        }
        @Override public ResponseWriter cloneWithWriter(Writer writer) { return new PlainHtmlWriter(writer); }
        @Override public void write(char[] cbuf, int off, int len) throws IOException {
            closeStartTag();
            out.write(cbuf, off, len);
        }
        @Override public void write(String str) throws IOException {
            closeStartTag();
            out.write(str);
        }
        @Override public void close() throws IOException { out.close(); }
    }
}
