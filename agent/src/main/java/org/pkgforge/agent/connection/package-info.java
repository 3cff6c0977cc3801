/**
 * The agent's one connection to the controller: connect, handshake, heartbeats, reconnect with
 * backoff. The only agent package that knows Netty.
 */
package org.pkgforge.agent.connection;
