package dev.mnemo.core.internal.db;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Vectors as BLOBs: little-endian IEEE-754 float32, the layout numpy and FAISS use. */
public final class VectorCodec {
    private VectorCodec() {
    }

    public static byte[] encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    public static float[] decode(byte[] blob) {
        if (blob.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("vector blob of " + blob.length + " bytes is not a float32 array");
        }
        float[] out = new float[blob.length / Float.BYTES];
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
