package org.pkgforge.webapp.view;

/** The error page: the HTTP status and a message for the user. */
public record ErrorView(int status, String message) {}
