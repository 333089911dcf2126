// Canonical forms of SQL expressions and queries, so that what a DDL file says and what PostgreSQL prints
// back (pg_get_expr, pg_get_constraintdef, pg_get_viewdef, pg_get_indexdef, pg_get_partkeydef,
// pg_get_functiondef) compare equal when they mean the same. The text is parsed with libpg_query
// (`SELECT <expr>`), the tree is normalised, and the tree is deparsed again. Text that does not parse is
// returned with surrounding whitespace trimmed, so it still compares exactly.
//
// Differences removed (applied to both sides, so only the spelling is lost, never a real change):
//  1. Layout and redundant parentheses: whatever the deparser prints for the same tree.
//  2. Type casts: every `x::type` / CAST(x AS type) becomes `x`. PostgreSQL adds casts to literals ('a'::text,
//     'x'::character varying, (0)::numeric, 'active'::mood), to columns ((name)::text) and to arrays
//     ((ARRAY[…])::text[]); a cast the author wrote is therefore not seen either (`x::int` equals `x`).
//  3. Numbers: a string literal cast to a numeric type becomes the number ('-1'::integer equals -1).
//  4. Timestamps: a string literal 'YYYY-MM-DD[ HH:MM[:SS[.frac]]][+00[:00]]' is written as
//     'YYYY-MM-DD HH:MM:SS[.frac]', and as 'YYYY-MM-DD' at midnight ('2025-01-01' equals
//     '2025-01-01 00:00:00+00', which is how PostgreSQL prints a timestamptz bound read with TimeZone=UTC).
//  5. IN lists: `x IN (a, b)` becomes `x = ANY (ARRAY[a, b])` and `x NOT IN (…)` becomes `x <> ALL (ARRAY[…])`
//     for the elements without column references; elements with column references become `x = e` ORed
//     (`x <> e` ANDed), a single constant element becomes `x = a` — exactly PostgreSQL's transformAExprIn.
//  6. BETWEEN: `x BETWEEN a AND b` becomes `x >= a AND x <= b`; NOT BETWEEN becomes `x < a OR x > b`;
//     SYMMETRIC forms expand to both orders.
//  7. LIKE/ILIKE/SIMILAR TO are written as their operators (~~, ~~*, !~~, ~, …), as PostgreSQL prints them.
//  8. AND/OR nesting is flattened: `(a AND b) AND c` equals `a AND b AND c`.
//  9. CURRENT_TIMESTAMP and transaction_timestamp() become now() (the same function in PostgreSQL).
// 10. Function, operator, collation and relation names lose their schema (`pg_catalog.lower(x)`,
//     `app.f(x)` and `f(x)` are equal); SQL-syntax calls (EXTRACT(… FROM …), SUBSTRING(… FROM …)) are written
//     as plain calls. nextval/currval/setval('schema.seq') lose the schema inside the literal.
// 11. CASE without ELSE equals CASE … ELSE NULL (PostgreSQL prints the NULL).
// 12. Inside queries (view definitions and sub-selects): column references lose their qualifier (`t.col`
//     equals `col`); `*` and `t.*` are expanded to the columns of the FROM items when their columns are known
//     (relations through RelationColumnsLookup, CTEs and sub-selects from their own output; JOIN USING/
//     NATURAL merge their common columns as PostgreSQL does); every output column carries its name
//     (explicit, from the view's column list, or the name PostgreSQL would give it), so `SELECT id, count(*)`
//     equals `SELECT orders.id, count(*) AS count`; names are dropped in sub-selects of expressions (EXISTS,
//     IN, scalar), where they do not matter; ORDER BY/GROUP BY items that name an output column or give its
//     position are replaced by that output's expression.
// 13. Partition bounds are rebuilt as "FOR VALUES IN (…)", "FOR VALUES FROM (…) TO (…)",
//     "FOR VALUES WITH (MODULUS m, REMAINDER r)" or "DEFAULT" with canonical datums (so `modulus` equals
//     `MODULUS`, and '2025-01-01' equals '2025-01-01 00:00:00+00').
// 14. Function bodies: a SQL-standard body (a whole CREATE FUNCTION … RETURN …/BEGIN ATOMIC … END statement)
//     is canonicalised as a statement with OR REPLACE dropped and its options sorted; any other body (the
//     text between the dollar quotes) is compared as written.
// 15. Interval literals (a string cast to interval) are written as PostgreSQL prints them with
//     IntervalStyle=postgres: '1 hour' → '01:00:00', '90 minutes' → '01:30:00', '1 week' → '7 days',
//     '1 year 2 months' → '1 year 2 mons', '2 days ago' → '-2 days' (ISO 8601 and unknown units stay as written).
//
// Not removed (they stay different): other literal values PostgreSQL normalises by type (numeric scale,
// float spelling, bytea escapes), timestamps in time zones other than UTC, and anything whose equality needs
// type information beyond the casts PostgreSQL prints.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "model/catalog_compare.h"

namespace dbarch::sql {

// Columns of a relation a query reads ("" schema when unqualified), for expanding `*`; empty when unknown.
using RelationColumnsLookup = std::function<std::vector<std::string>(const std::string& schema, const std::string& name)>;

// Rules 1-11 on a scalar expression (and rule 12 inside its sub-selects).
std::string CanonicalExpression(std::string_view expression);
// All rules on a query. `output_columns` are the view's column names (may be empty); `columns_of` expands `*`.
std::string CanonicalQuery(std::string_view query, const std::vector<std::string>& output_columns = {},
                           const RelationColumnsLookup& columns_of = {});
// Rule 13.
std::string CanonicalPartitionBound(std::string_view bound);
// Rule 14.
std::string CanonicalFunctionBody(std::string_view body);

// Columns of tables and views of `catalog` (an unqualified name is looked up in "public" first, then in any
// schema holding a relation of that name).
RelationColumnsLookup CatalogRelationColumns(const model::Catalog& catalog);

// The canonicalizer CompareCatalogs should use: dispatches on the ExpressionKind to the functions above.
model::ExpressionCanonicalizer CatalogCanonicalizer();

}  // namespace dbarch::sql
