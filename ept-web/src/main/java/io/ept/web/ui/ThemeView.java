package io.ept.web.ui;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.Cookie;

import java.util.Map;

/**
 * Light (saga) or dark (arya) PrimeFaces theme, chosen per browser with the cookie {@code ept-theme}; the toggle
 * in the top bar sets the cookie and reloads the page.
 */
@Named("theme")
@RequestScoped
public class ThemeView {

    public static final String COOKIE = "ept-theme";

    private Boolean dark;

    public boolean isDark() {
        if (dark == null) {
            FacesContext context = FacesContext.getCurrentInstance();
            Map<String, Object> cookies = context == null ? Map.of() : context.getExternalContext().getRequestCookieMap();
            dark = cookies.get(COOKIE) instanceof Cookie c && "dark".equals(c.getValue());
        }
        return dark;
    }

    /** The PrimeFaces theme (context parameter primefaces.THEME). */
    public String getName() {
        return isDark() ? "arya-blue" : "saga-blue";
    }
}
