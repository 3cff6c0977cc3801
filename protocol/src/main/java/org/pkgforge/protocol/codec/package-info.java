/**
 * The controller–agent wire format (see {@code docs/protocol.md}): length-prefixed frames of a type
 * id, the record's JSON and, for chunks, a raw byte tail. The only code that knows bytes.
 */
package org.pkgforge.protocol.codec;
