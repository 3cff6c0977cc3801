package org.pkgforge.protocol.job;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Where the parts of an RPM file are, found by reading only the fixed-size lead and header
 * intros, and checked against the file size before anything else parses the file.
 *
 * <p>packager-rpm allocates whatever a header's index count and store size claim, so a crafted
 * 80-byte file could ask it for gigabytes. This scan refuses such files first, and tells a
 * truncated file ("ends inside the header") from one that is merely corrupt.
 *
 * <p>File layout: a 96-byte lead; the signature header, padded to a multiple of 8; the main
 * header; then the compressed payload up to the end of the file. Each header is a 16-byte intro
 * (magic 8e ad e8 01, 4 reserved bytes, index count, store size), 16 bytes per index entry and
 * the store.
 */
record RpmLayout(long mainHeaderStart, long mainHeaderLength, long payloadStart, long fileSize, boolean source) {
    static final int LEAD_SIZE = 96;
    private static final int LEAD_TYPE_BINARY = 0;
    private static final int LEAD_TYPE_SOURCE = 1;
    private static final int INTRO_SIZE = 16;
    private static final int ENTRY_SIZE = 16;
    private static final byte[] LEAD_MAGIC = {(byte) 0xed, (byte) 0xab, (byte) 0xee, (byte) 0xdb};
    private static final byte[] HEADER_MAGIC = {(byte) 0x8e, (byte) 0xad, (byte) 0xe8, 0x01};
    // rpm's own limits are 64 Ki entries and 256 MiB of data; real source RPM headers stay far
    // below these, and the lower data limit keeps the decoded header small in memory.
    private static final int MAX_ENTRIES = 0xffff;
    private static final int MAX_STORE = 32 * 1024 * 1024;
    // Element size per header data type (RPM_NULL_TYPE .. RPM_I18NSTRING_TYPE); strings are >= 1.
    private static final int[] ELEMENT_SIZE = {0, 1, 1, 2, 4, 8, 1, 1, 1, 1};

    /**
     * Reads the lead and both header intros. A binary RPM is reported through {@link #source()}
     * rather than refused here, so the caller words that refusal.
     */
    static RpmLayout scan(FileChannel channel, String label) throws IOException, JobFormatException {
        long fileSize = channel.size();
        if (fileSize == 0) {
            throw new JobFormatException(label + ": not an RPM file (empty)");
        }
        ByteBuffer lead = read(channel, 0, LEAD_SIZE);
        if (!startsWith(lead, LEAD_MAGIC)) {
            throw new JobFormatException(label + ": not an RPM file (bad magic)");
        }
        if (lead.limit() < LEAD_SIZE) {
            throw truncated(label, "the RPM lead");
        }
        int type = Short.toUnsignedInt(lead.getShort(6));
        if (type != LEAD_TYPE_BINARY && type != LEAD_TYPE_SOURCE) {
            throw new JobFormatException(label + ": not an RPM file (unknown package type " + type + " in the lead)");
        }
        long signatureEnd = headerEnd(channel, LEAD_SIZE, fileSize, label, "signature header");
        long mainStart = (signatureEnd + 7) & ~7L;
        long mainEnd = headerEnd(channel, mainStart, fileSize, label, "main header");
        return new RpmLayout(mainStart, mainEnd - mainStart, mainEnd, fileSize, type == LEAD_TYPE_SOURCE);
    }

    /** Checks one header's intro and index entries; returns the offset just past its store. */
    private static long headerEnd(FileChannel channel, long start, long fileSize, String label, String what)
            throws IOException, JobFormatException {
        ByteBuffer intro = read(channel, start, INTRO_SIZE);
        if (intro.limit() < INTRO_SIZE) {
            throw truncated(label, "the " + what);
        }
        if (!startsWith(intro, HEADER_MAGIC)) {
            throw corrupt(label, "bad " + what + " magic");
        }
        long entries = Integer.toUnsignedLong(intro.getInt(8));
        long store = Integer.toUnsignedLong(intro.getInt(12));
        if (entries == 0 || entries > MAX_ENTRIES || store > MAX_STORE) {
            throw corrupt(label, what + " claims " + entries + " entries and " + store + " bytes of data");
        }
        long end = start + INTRO_SIZE + entries * ENTRY_SIZE + store;
        if (end > fileSize) {
            throw truncated(label, "the " + what);
        }
        ByteBuffer index = read(channel, start + INTRO_SIZE, (int) entries * ENTRY_SIZE);
        for (int i = 0; i < entries; i++) {
            int dataType = index.getInt(i * ENTRY_SIZE + 4);
            long offset = Integer.toUnsignedLong(index.getInt(i * ENTRY_SIZE + 8));
            long count = Integer.toUnsignedLong(index.getInt(i * ENTRY_SIZE + 12));
            if (dataType < 0
                    || dataType >= ELEMENT_SIZE.length
                    || offset > store
                    || count * ELEMENT_SIZE[dataType] > store - offset) {
                throw corrupt(label, what + " entry " + i + " points outside the header");
            }
        }
        return end;
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                break;
            }
        }
        return buffer.flip();
    }

    private static boolean startsWith(ByteBuffer buffer, byte[] magic) {
        if (buffer.limit() < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (buffer.get(i) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    static JobFormatException truncated(String label, String where) {
        return new JobFormatException(label + ": truncated (the file ends inside " + where + ")");
    }

    static JobFormatException corrupt(String label, String detail) {
        return new JobFormatException(label + ": corrupt RPM (" + detail + ")");
    }
}
