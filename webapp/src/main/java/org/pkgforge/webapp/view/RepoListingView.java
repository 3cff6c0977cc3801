package org.pkgforge.webapp.view;

import java.util.List;

/** A directory of the published repository tree; entry hrefs are relative to the page. */
public record RepoListingView(String path, boolean hasParent, List<Entry> entries) {

    public record Entry(String name, String href, boolean directory, String size, String modified) {}
}
