/**
 * Attempt logs: the file on disk is the spool. A shipper tails it and sends what the controller
 * has not acknowledged, from the acknowledged offset again after a reconnect.
 */
package org.pkgforge.agent.logs;
