package io.ept.web.ui.scripts;

import jakarta.faces.context.FacesContext;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.render.RenderKit;
import jakarta.faces.render.RenderKitFactory;
import jakarta.faces.render.RenderKitWrapper;

import java.io.Writer;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registered in faces-config.xml: every render kit's full-page response writer becomes a {@link ScriptsAfterPaintWriter}.
 * Ajax (partial) responses keep their scripts where they are: they run as soon as the update arrives.
 */
public final class ScriptsAfterPaintRenderKitFactory extends RenderKitFactory {

    private final Map<RenderKit, RenderKit> wrappers = new ConcurrentHashMap<>();

    public ScriptsAfterPaintRenderKitFactory(RenderKitFactory wrapped) {
        super(wrapped);
    }

    @Override
    public void addRenderKit(String renderKitId, RenderKit renderKit) {
        getWrapped().addRenderKit(renderKitId, renderKit);
    }

    @Override
    public RenderKit getRenderKit(FacesContext context, String renderKitId) {
        RenderKit kit = getWrapped().getRenderKit(context, renderKitId);
        return kit == null ? null : wrappers.computeIfAbsent(kit, ScriptsAfterPaintRenderKit::new);
    }

    @Override
    public Iterator<String> getRenderKitIds() {
        return getWrapped().getRenderKitIds();
    }

    private static final class ScriptsAfterPaintRenderKit extends RenderKitWrapper {

        ScriptsAfterPaintRenderKit(RenderKit wrapped) {
            super(wrapped);
        }

        @Override
        public ResponseWriter createResponseWriter(Writer writer, String contentTypeList, String encoding) {
            ResponseWriter responseWriter = getWrapped().createResponseWriter(writer, contentTypeList, encoding);
            FacesContext context = FacesContext.getCurrentInstance();
            boolean partial = context != null && context.getPartialViewContext().isPartialRequest();
            boolean html = responseWriter.getContentType() == null || responseWriter.getContentType().startsWith("text/html");
            return partial || !html ? responseWriter : new ScriptsAfterPaintWriter(responseWriter);
        }
    }
}
