package dev.mnemo.postgres;

import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.spi.KeywordMatch;
import dev.mnemo.core.spi.KeywordSql;
import dev.mnemo.core.spi.TextAnalysis;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keyword leg on PostgreSQL: the same Java analysis as on SQLite (core's {@link TextAnalysis}:
 * Unicode words, stop words, KStem, CJK bigrams), stored in the record's row as a {@code tsvector}
 * built from those terms verbatim (no PostgreSQL text-search configuration touches them, so both
 * kinds match exactly the same terms) and GIN-indexed. A query is the OR of its terms as a
 * {@code tsquery} literal, so user text is only ever terms. Matches are ranked by
 * {@code ts_rank(..., 1)}: term frequency with document-length normalisation. PostgreSQL has no
 * BM25 (no inverse document frequency), so the score differs from SQLite's {@code bm25()}; fusion
 * only uses the rank order.
 */
final class PgKeywords implements KeywordSql {
    private final long storeId;
    private final TextAnalysis analysis;
    private final PgFilters filters;

    PgKeywords(long storeId, TextAnalysis analysis) {
        this.storeId = storeId;
        this.analysis = analysis;
        this.filters = new PgFilters(storeId);
    }

    @Override
    public TextAnalysis analysis() {
        return analysis;
    }

    @Override
    public void put(Connection c, long id, String text) throws SQLException {
        List<String> terms = analysis.terms(text);
        try (PreparedStatement ps = c.prepareStatement("UPDATE memory_record SET keyword_terms = ?,"
                + " keyword_vector = ?::tsvector WHERE id = ? AND store_id = ?")) {
            ps.setString(1, terms.isEmpty() ? null : String.join(" ", terms));
            ps.setString(2, PgCodec.tsvector(terms));
            ps.setLong(3, id);
            ps.setLong(4, storeId);
            ps.executeUpdate();
        }
    }

    @Override
    public void clear(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE memory_record SET keyword_terms = NULL,"
                + " keyword_vector = NULL WHERE store_id = ? AND keyword_terms IS NOT NULL")) {
            ps.setLong(1, storeId);
            ps.executeUpdate();
        }
    }

    @Override
    public List<KeywordMatch> search(Connection c, List<String> terms, SearchRequest request, int limit)
            throws SQLException {
        if (terms.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT r.id, ts_rank(r.keyword_vector, q, 1) AS score"
                + " FROM memory_record r, CAST(? AS tsquery) q WHERE r.store_id = ? AND r.keyword_vector @@ q");
        List<Object> args = new ArrayList<>();
        filters.append(sql, args, request);
        sql.append(" ORDER BY score DESC, r.id LIMIT ?");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setString(1, PgCodec.anyOf(terms));
            ps.setLong(2, storeId);
            ps.setInt(PgFilters.bind(ps, 3, args), limit);
            List<KeywordMatch> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new KeywordMatch(rs.getLong(1), rs.getDouble(2)));
                }
            }
            return out;
        }
    }

    @Override
    public Map<Long, String> storedDocuments(Connection c) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, keyword_terms FROM memory_record WHERE store_id = ? AND keyword_terms IS NOT NULL")) {
            ps.setLong(1, storeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return out;
    }
}
