package dev.tvixstore.web.admin;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.theme.lumo.Lumo;

/** Vaadin 25 applies no theme by default; Lumo comes in as a plain style sheet (no rebuild). */
@StyleSheet(Lumo.STYLESHEET)
public class AdminShell implements AppShellConfigurator {}
