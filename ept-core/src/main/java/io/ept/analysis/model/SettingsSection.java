package io.ept.analysis.model;

/** The tabs of a fabric's settings form (ept-reference 6), in the order they are shown. */
public enum SettingsSection {
    CONNECTIVITY("Connectivity", "How EPT reaches the APIC (REST and websocket) and the leafs (SSH, to clear endpoints). "
            + "Passwords are write-only: leave them empty to keep the stored ones."),
    NOTIFICATIONS("Notifications", "Where findings are reported, and which ones."),
    REMEDIATE("Remediate", "Clear confirmed findings on the affected leaf automatically (over SSH)."),
    ADVANCED("Advanced", "Analysis switches, limits and APIC session timers.");

    private final String title;
    private final String intro;

    SettingsSection(String title, String intro) {
        this.title = title;
        this.intro = intro;
    }

    public String title() {
        return title;
    }

    public String intro() {
        return intro;
    }
}
