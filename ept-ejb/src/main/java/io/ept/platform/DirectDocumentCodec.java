package io.ept.platform;

import org.bson.BsonReader;
import org.bson.BsonValue;
import org.bson.BsonWriter;
import org.bson.Document;
import org.bson.codecs.CollectibleCodec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.Encoder;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistry;

import java.util.List;
import java.util.Map;

/**
 * The MongoDB driver's {@link DocumentCodec}, with the value types of EPT's documents (strings, numbers, booleans,
 * nulls, documents, lists) written straight to the BSON writer. The stock codec looks every value's codec up in the
 * registry, and every nested document through a child registry that walks its parents for cycles: under the event
 * load that was over a quarter of the worker threads' time, encoding the store writes (issue 16). Any other value
 * (ObjectId, Date, Decimal128, other maps and iterables, ...) is encoded by its registry codec as before; the bytes
 * are the stock codec's ({@code DirectDocumentCodecTest}). Decoding and ids are the stock codec's.
 */
public final class DirectDocumentCodec implements CollectibleCodec<Document> {

    private static final String ID = "_id";
    private static final DirectDocumentCodec DEFAULT = new DirectDocumentCodec(com.mongodb.MongoClientSettings.getDefaultCodecRegistry());
    private static final org.bson.json.JsonWriterSettings RELAXED = org.bson.json.JsonWriterSettings.builder()
            .outputMode(org.bson.json.JsonMode.RELAXED).build();

    /** {@link Document#toJson()} (relaxed extended JSON) through this codec. */
    public static String toJson(Document document) {
        return document.toJson(RELAXED, DEFAULT);
    }
    private final CodecRegistry registry;
    private final DocumentCodec stock;

    /** @param registry the codecs of every other value type (the driver's default registry) */
    public DirectDocumentCodec(CodecRegistry registry) {
        this.registry = registry;
        this.stock = new DocumentCodec(registry);
    }

    @Override
    public void encode(BsonWriter writer, Document document, EncoderContext context) {
        writeDocument(writer, document, context.isEncodingCollectibleDocument(), context);
    }

    /** A collectible (top-level) document writes its _id first, as the stock codec does. */
    private void writeDocument(BsonWriter writer, Map<String, Object> document, boolean collectible, EncoderContext context) {
        writer.writeStartDocument();
        if (collectible && document.containsKey(ID)) {
            writer.writeName(ID);
            writeValue(writer, document.get(ID), context);
        }
        for (Map.Entry<String, Object> e : document.entrySet()) {
            if (collectible && ID.equals(e.getKey())) {
                continue;
            }
            writer.writeName(e.getKey());
            writeValue(writer, e.getValue(), context);
        }
        writer.writeEndDocument();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void writeValue(BsonWriter writer, Object value, EncoderContext context) {
        if (value == null) {
            writer.writeNull();
        } else if (value instanceof String s) {
            writer.writeString(s);
        } else if (value instanceof Integer i) {
            writer.writeInt32(i);
        } else if (value instanceof Long l) {
            writer.writeInt64(l);
        } else if (value instanceof Double d) {
            writer.writeDouble(d);
        } else if (value instanceof Boolean b) {
            writer.writeBoolean(b);
        } else if (value instanceof Document d) {
            writeDocument(writer, d, false, context);
        } else if (value instanceof List<?> list) {
            writer.writeStartArray();
            for (Object element : list) {
                writeValue(writer, element, context);
            }
            writer.writeEndArray();
        } else {
            context.encodeWithChildContext((Encoder) registry.get(value.getClass()), writer, value);
        }
    }

    @Override
    public Document decode(BsonReader reader, DecoderContext context) {
        return stock.decode(reader, context);
    }

    @Override
    public Class<Document> getEncoderClass() {
        return Document.class;
    }

    @Override
    public Document generateIdIfAbsentFromDocument(Document document) {
        return stock.generateIdIfAbsentFromDocument(document);
    }

    @Override
    public boolean documentHasId(Document document) {
        return stock.documentHasId(document);
    }

    @Override
    public BsonValue getDocumentId(Document document) {
        return stock.getDocumentId(document);
    }
}
