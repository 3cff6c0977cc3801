/**
 * Builders turn verified sources into products and a log. One implementation per tool
 * ({@link org.pkgforge.agent.build.RpmbuildBuilder} today; mock, sbuild, dpkg-buildpackage later).
 */
package org.pkgforge.agent.build;
