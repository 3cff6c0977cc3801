/**
 * Attempts on this agent: receive and verify sources, run the builder, hand back products and the
 * result until the controller acknowledges it, and clean up.
 */
package org.pkgforge.agent.task;
