package dev.mnemo.core.internal.db;

import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.spi.KeywordMatch;
import dev.mnemo.core.spi.KeywordSql;
import dev.mnemo.core.spi.TextAnalysis;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The keyword leg's FTS5 table {@code memory_fts}: one row per record, rowid = record id, holding
 * the record text's terms as {@link KeywordAnalyzer} produced them.
 *
 * <p>The table is contentless ({@code content=''}) with {@code contentless_delete=1}: the terms
 * are derived from {@code memory_record.text}, so storing them a second time would only grow the
 * file, and rows can still be deleted and replaced by rowid. Its tokenizer is {@code ascii}: the
 * stored terms carry no ASCII punctuation and are already lower case, so it splits on the spaces
 * between terms and folds nothing. A trigger on {@code memory_record} deletes a record's row, so
 * every delete path (delete, prune, cascade) keeps the table in step; inserts and text changes
 * are written here by {@link RecordRepository} in the record's own transaction.
 *
 * <p>Stateless apart from the analyzer; every method runs on the caller's connection.
 */
public final class KeywordTable implements KeywordSql {
    static final String TABLE = "memory_fts";
    /** SQL of schema migration 4 (see {@link Schema}). */
    static final List<String> CREATE = List.of(
            "CREATE VIRTUAL TABLE " + TABLE + " USING fts5(terms, content='', contentless_delete=1,"
                    + " tokenize='ascii')",
            """
            CREATE TRIGGER memory_fts_deleted AFTER DELETE ON memory_record BEGIN
                DELETE FROM memory_fts WHERE rowid = OLD.id;
            END""",
            // the rows the Java backfill still has to analyse (see KeywordBackfill)
            "INSERT INTO store_meta (key, value) VALUES ('" + StoreMeta.KEYWORD_BACKFILLED_TO + "', '0')");

    private final TextAnalysis analyzer;
    private final String characterName;

    /** @param characterName the store's {@code character_name}, which keyword searches join on */
    public KeywordTable(TextAnalysis analyzer, String characterName) {
        this.analyzer = analyzer;
        this.characterName = characterName;
    }

    @Override
    public TextAnalysis analysis() {
        return analyzer;
    }

    /** Writes (or replaces) the terms of a record. */
    @Override
    public void put(Connection c, long id, String text) throws SQLException {
        delete(c, id);
        insert(c, id, text);
    }

    /** Writes the terms of a record that has no row yet (a new record id). */
    public void insert(Connection c, long id, String text) throws SQLException {
        String document = analyzer.document(text);
        if (document.isEmpty()) {
            return; // nothing to find it by (only punctuation, only stop words)
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (rowid, terms) VALUES (?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, document);
            ps.executeUpdate();
        }
    }

    /** Removes a record's row (no-op when absent). */
    public void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE rowid = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /** Empties the table (before a rebuild). */
    @Override
    public void clear(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM " + TABLE);
        }
    }

    /**
     * The best {@code limit} records for the query terms by BM25, any term matching (OR), with the
     * search's filters (types, time, metadata) applied in the same statement. A match's score is
     * FTS5's {@code bm25()} negated, so that larger is better (FTS5 returns lower = better).
     *
     * @param terms from {@link KeywordAnalyzer#queryTerms}; each is quoted, so FTS5 query syntax
     *              in user text ({@code NEAR}, {@code *}, {@code "}, {@code -}) is only ever a term
     */
    @Override
    public List<KeywordMatch> search(Connection c, List<String> terms, SearchRequest request, int limit)
            throws SQLException {
        RecordFilters filters = RecordFilters.unchecked(request);
        if (terms.isEmpty()) {
            return List.of();
        }
        // CROSS JOIN keeps FTS5 as the outer loop: with a plain JOIN the planner walks the character's
        // records and re-runs the full-text query once per record (hundreds of times slower)
        StringBuilder sql = new StringBuilder("SELECT f.rowid, bm25(" + TABLE + ") FROM " + TABLE + " f"
                + " CROSS JOIN memory_record r ON r.id = f.rowid WHERE " + TABLE + " MATCH ? AND r.character_name = ?");
        List<Object> args = new ArrayList<>();
        args.add(matchExpression(terms));
        args.add(characterName);
        filters.append(sql, args, "r.");
        sql.append(" ORDER BY bm25(" + TABLE + "), f.rowid LIMIT ?");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setInt(RecordFilters.bind(ps, 1, args), limit);
            List<KeywordMatch> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new KeywordMatch(rs.getLong(1), -rs.getDouble(2)));
                }
            }
            return out;
        }
    }

    /** {@code "t1" OR "t2"}: every term a quoted string, double quotes doubled. */
    static String matchExpression(List<String> terms) {
        StringJoiner j = new StringJoiner(" OR ");
        for (String t : terms) {
            j.add('"' + t.replace("\"", "\"\"") + '"');
        }
        return j.toString();
    }

    /**
     * The stored terms of every row, rebuilt from FTS5's index through a temporary
     * {@code fts5vocab} instance table (a contentless table keeps no text to read back).
     */
    @Override
    public Map<Long, String> storedDocuments(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.memory_fts_instance USING fts5vocab(main, "
                    + TABLE + ", instance)");
        }
        Map<Long, StringJoiner> docs = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT doc, term FROM temp.memory_fts_instance ORDER BY doc, offset");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                docs.computeIfAbsent(rs.getLong(1), k -> new StringJoiner(" ")).add(rs.getString(2));
            }
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS temp.memory_fts_instance");
            }
        }
        Map<Long, String> out = new HashMap<>(docs.size() * 2);
        docs.forEach((id, j) -> out.put(id, j.toString()));
        return out;
    }
}
