package dev.pollen.processor;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Sets a class file's {@code SourceDebugExtension} attribute (JVMS 4.7.11), with no library.
 * javac never writes this attribute, so {@link SourceDebugExtensions} adds it after javac has
 * written the class.
 *
 * <p>Only the constant pool count, the pool's end and the class attributes change: the
 * {@code CONSTANT_Utf8 "SourceDebugExtension"} is found in the pool or appended as its last entry
 * (so every existing index stays valid), fields and methods are copied byte for byte (code,
 * {@code StackMapTable} and line numbers untouched), and an existing {@code SourceDebugExtension}
 * is replaced (the JVMS allows one).
 */
final class SdeAppender {
    private static final String ATTRIBUTE = "SourceDebugExtension";
    private static final int MAGIC = 0xCAFEBABE;
    private static final int POOL_START = 10; // magic, minor, major, constant_pool_count

    private SdeAppender() {}

    /**
     * {@code classFile} with its {@code SourceDebugExtension} set to {@code debugExtension}.
     *
     * @throws IOException if {@code classFile} is not a well-formed class file
     */
    static byte[] withSourceDebugExtension(byte[] classFile, String debugExtension) throws IOException {
        try {
            return rewrite(classFile, debugExtension);
        } catch (IndexOutOfBoundsException truncated) {
            throw new IOException("truncated class file", truncated);
        }
    }

    private static byte[] rewrite(byte[] b, String debugExtension) throws IOException {
        if (b.length < POOL_START || u4(b, 0) != MAGIC) {
            throw new IOException("not a class file");
        }
        int count = u2(b, 8);
        int nameIndex = 0;
        int pos = POOL_START;
        for (int i = 1; i < count; i++) {
            int tag = b[pos] & 0xff;
            int size;
            switch (tag) {
                case 1 -> { // Utf8; the name is ASCII, so comparing bytes is enough
                    int length = u2(b, pos + 1);
                    if (nameIndex == 0 && equalsAscii(b, pos + 3, length, ATTRIBUTE)) {
                        nameIndex = i;
                    }
                    size = 3 + length;
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> size = 5;
                case 5, 6 -> { // Long, Double: two slots
                    size = 9;
                    i++;
                }
                case 7, 8, 16, 19, 20 -> size = 3;
                case 15 -> size = 4;
                default -> throw new IOException("unknown constant pool tag " + tag + " at offset " + pos);
            }
            pos += size;
        }
        int poolEnd = pos;

        // access_flags, this_class, super_class, interfaces, fields, methods: copied unchanged
        pos = poolEnd + 6;
        pos += 2 + 2 * u2(b, pos);
        for (int members = 0; members < 2; members++) {
            int n = u2(b, pos);
            pos += 2;
            for (int k = 0; k < n; k++) {
                pos = skipAttributes(b, pos + 6);
            }
        }
        int classAttributes = pos;

        ByteArrayOutputStream buffer = new ByteArrayOutputStream(b.length + debugExtension.length() + 32);
        DataOutputStream out = new DataOutputStream(buffer);
        out.write(b, 0, 8); // magic, minor, major
        if (nameIndex == 0) {
            if (count == 0xffff) {
                throw new IOException("the constant pool is full");
            }
            nameIndex = count;
            out.writeShort(count + 1);
            out.write(b, POOL_START, poolEnd - POOL_START);
            out.writeByte(1);
            out.writeUTF(ATTRIBUTE);
        } else {
            out.write(b, 8, poolEnd - 8);
        }
        out.write(b, poolEnd, classAttributes - poolEnd);

        int n = u2(b, classAttributes);
        pos = classAttributes + 2;
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        int keptCount = 0;
        for (int k = 0; k < n; k++) {
            int length = 6 + u4(b, pos + 2);
            if (u2(b, pos) != nameIndex) {
                kept.write(b, pos, length);
                keptCount++;
            }
            pos += length;
        }
        if (pos != b.length) {
            throw new IOException((b.length - pos) + " bytes after the class attributes");
        }
        // JVMS: modified UTF-8. It differs from UTF-8 only for NUL and supplementary characters.
        byte[] extension = debugExtension.getBytes(StandardCharsets.UTF_8);
        out.writeShort(keptCount + 1);
        kept.writeTo(out);
        out.writeShort(nameIndex);
        out.writeInt(extension.length);
        out.write(extension);
        out.flush();
        return buffer.toByteArray();
    }

    private static boolean equalsAscii(byte[] b, int start, int length, String text) {
        if (length != text.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (b[start + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int skipAttributes(byte[] b, int pos) {
        int n = u2(b, pos);
        pos += 2;
        for (int k = 0; k < n; k++) {
            pos += 6 + u4(b, pos + 2);
        }
        return pos;
    }

    private static int u2(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    private static int u4(byte[] b, int p) {
        return (u2(b, p) << 16) | u2(b, p + 2);
    }
}
