package io.ept.web.ui;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.FacesConverter;

/** The search box's value: a hit travels as its key "fabric|vnid|addr". */
@FacesConverter(value = "searchHitConverter", managed = true)
public class SearchHitConverter implements Converter<SearchHit> {

    @Override
    public SearchHit getAsObject(FacesContext context, UIComponent component, String value) {
        return SearchHit.fromKey(value);
    }

    @Override
    public String getAsString(FacesContext context, UIComponent component, SearchHit value) {
        return value == null ? "" : value.key();
    }
}
