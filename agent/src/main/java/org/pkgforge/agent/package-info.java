/**
 * The build agent: started on a build host with a one-time token on stdin, it connects to the
 * controller and builds what it is assigned.
 */
package org.pkgforge.agent;
