// Compares two catalogs object by object, ignoring where things were declared (locations) and how
// expressions happen to be spelled: expressions (defaults, CHECKs, index expressions and predicates, view
// definitions, policy expressions, partition bounds, SQL-standard function bodies) are compared through a
// canonicalizer, so `status IN ('a','b')` from a DDL file equals `(status = ANY (ARRAY['a'::text, 'b'::text]))`
// read back from pg_catalog. Used by the DDL → live round-trip tests and by the schema diff.
//
// What counts as equal beyond spelling (both sides are brought to the same form first):
// - sequence START/INCREMENT/MINVALUE/MAXVALUE: an absent value equals the value PostgreSQL derives for it;
// - index NULLS FIRST/LAST: absent equals the default for the direction (NULLS FIRST for DESC);
// - policy roles: none equals PUBLIC;
// - grants: ALL equals the full privilege list of the object kind; privileges and columns are sets;
// - schema owner: empty (not stated) equals any owner;
// - constraints, indexes, triggers, policies, grants and domain CHECKs are matched by name/key, not order;
//   columns are matched by name and their order is compared separately ("column order").
// Fields that record how the DDL was written and that a catalog cannot know (FK `on_delete_explicit`,
// index `created_concurrently`, constraint `using_index`) are compared only with
// CompareOptions::compare_as_written.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "model/catalog.h"

namespace dbarch::model {

// Which object a difference is about, as data, so the schema diff (analyzers/diff) can act on it without
// reading the display text back.
enum class ObjectKind {
  kSchema, kExtension, kTable, kColumn, kConstraint, kIndex, kView, kSequence, kEnum, kDomain, kFunction,
  kTrigger, kPolicy, kRole, kGrant
};
std::string_view ObjectKindName(ObjectKind kind);  // "table", "column", "materialized view" is "view", …

struct ObjectRef {
  ObjectKind kind = ObjectKind::kTable;
  // The object's name; for a column, constraint, trigger or policy the table it belongs to. Schemas,
  // extensions and roles: {"", name}; functions: {schema, map key}; grants: {"", the grant's key}.
  QualifiedName name;
  std::string member;  // column, constraint, trigger or policy name; "" otherwise
  auto operator<=>(const ObjectRef&) const = default;
};

struct CatalogDifference {
  std::string object;  // "table public.orders", "index public.orders_pkey", "column public.orders.total"
  std::string field;   // "type", "not_null", "default", "check", … ("" when the object is missing on one side)
  std::string left;    // value on the left side ("(absent)" when missing)
  std::string right;
  // "column public.orders.total: default: '0' ≠ '0.0'", or "table public.x: (absent) ≠ present"
  std::string ToString() const;
  ObjectRef ref;
};

// What an expression-valued field holds, so the canonicalizer knows how to read it.
enum class ExpressionKind {
  kScalar,          // a default, CHECK, index expression/predicate, policy/trigger expression, partition key
  kQuery,           // a view definition (SELECT …)
  kPartitionBound,  // "FOR VALUES FROM (…) TO (…)", "DEFAULT", …
  kFunctionBody,    // a function body as stored in the model
};

struct ExpressionContext {
  ExpressionKind kind = ExpressionKind::kScalar;
  // The catalog the text belongs to (lets a query canonicalizer expand `*` with its relations' columns).
  const Catalog* catalog = nullptr;
  // A view's output column names (for kQuery), or nullptr.
  const std::vector<std::string>* output_columns = nullptr;
};

// Turns an expression into a canonical form; identity when not given (see sql/canonical_expression.h for
// the libpg_query-based one).
using ExpressionCanonicalizer = std::function<std::string(const std::string& text, const ExpressionContext& context)>;

struct CompareOptions {
  bool compare_as_written = false;  // also compare on_delete_explicit, created_concurrently, using_index
  bool compare_roles = true;
  bool compare_grants = true;
};

std::vector<CatalogDifference> CompareCatalogs(const Catalog& left, const Catalog& right,
                                               const ExpressionCanonicalizer& canonical = {},
                                               const CompareOptions& options = {});

// The grants of one object to one grantee (and column list), as the comparison sees them: keyed
// "TABLE public.orders to app (columns a,b)", privileges with ALL expanded, merged over the GRANTs sharing the key.
struct GrantSummary {
  std::string object_kind, object, grantee;
  std::vector<std::string> columns;
  std::vector<std::string> privileges;  // sorted
  bool with_grant_option = false;
};
std::map<std::string, GrantSummary> GrantsByKey(const std::vector<Grant>& grants);

}  // namespace dbarch::model
