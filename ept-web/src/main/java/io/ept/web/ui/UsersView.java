package io.ept.web.ui;

import io.ept.security.Caller;
import io.ept.security.Role;
import io.ept.web.security.CurrentCaller;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Users (ept-reference 6): admins list, create, edit and delete users; everyone else sees only themselves and may
 * change their own password. AccountService enforces the same rules; this page only shows what the role allows.
 */
@Named
@ViewScoped
public class UsersView implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Inject
    UiServices services;

    @Inject
    CurrentCaller caller;

    private List<Map<String, Object>> users;
    private boolean creating;
    private String username;
    private String password;
    private String confirm;
    private int role = Role.USER.code();

    @PostConstruct
    void init() {
        refresh();
    }

    void refresh() {
        // AccountService shows non-admins only themselves
        users = caller.caller().map(actor -> services.accounts().listUsers(actor)).orElse(List.of());
    }

    public void startCreate() {
        creating = true;
        username = "";
        password = "";
        confirm = "";
        role = Role.USER.code();
    }

    public void startEdit(String name) {
        creating = false;
        username = name;
        password = "";
        confirm = "";
        role = users.stream().filter(u -> name.equals(u.get("username"))).findFirst()
                .map(u -> ((Number) u.get("role")).intValue()).orElse(Role.USER.code());
    }

    public void save() {
        if (password != null && !password.isEmpty() && !password.equals(confirm)) {
            Messages.error("Password", "The two passwords differ.");
            return;
        }
        Caller actor = caller.caller().orElse(null);
        if (actor == null) {
            Messages.error("Not logged in", "Log in again.");
            return;
        }
        try {
            if (creating) {
                if (!Access.admin(caller, "create user")) {
                    return;
                }
                services.accounts().createUser(actor, username == null ? "" : username.trim(), password, Role.fromCode(role));
                Messages.info("User created", username + " (" + Role.fromCode(role).label() + ")");
            } else {
                Role newRole = caller.isAdmin() ? Role.fromCode(role) : null;
                // the caller's own session survives a change of their own password (their other sessions end)
                services.accounts().updateUser(actor, username, password == null || password.isEmpty() ? null : password, newRole,
                        caller.session().orElse(null));
                Messages.info("User saved", username);
            }
            refresh();
        } catch (RuntimeException e) {
            Messages.failure(creating ? "Create user" : "Save user", e);
        }
    }

    public void delete(String name) {
        if (!Access.admin(caller, "delete user")) {
            return;
        }
        try {
            services.accounts().deleteUser(caller.caller().orElseThrow(), name);
            Messages.info("User deleted", name);
            refresh();
        } catch (RuntimeException e) {
            Messages.failure("Delete user", e);
        }
    }

    public void download() {
        Csv.download("users.csv", List.of(Csv.column("username", d -> d.get("username")),
                Csv.column("role", d -> roleLabel(d.get("role"))), Csv.column("last_login", d -> Formats.time(d.get("last_login")))),
                users.stream().map(org.bson.Document::new).toList());
    }

    public String roleLabel(Object code) {
        try {
            return code instanceof Number n ? Role.fromCode(n.intValue()).label() : String.valueOf(code);
        } catch (IllegalArgumentException e) {
            return String.valueOf(code);
        }
    }

    public List<Role> getRoles() {
        return List.of(Role.values());
    }

    public List<Map<String, Object>> getUsers() {
        return users;
    }

    public boolean isCreating() {
        return creating;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getConfirm() {
        return confirm;
    }

    public void setConfirm(String confirm) {
        this.confirm = confirm;
    }

    public int getRole() {
        return role;
    }

    public void setRole(int role) {
        this.role = role;
    }
}
