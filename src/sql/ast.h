// Small helpers for reading libpg_query's parse tree (pg_query::Node and friends) into dbarch's model
// vocabulary. Shared by the DDL loader, the workload resolver and the lint rules.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/catalog.h"
#include "pg_query.pb.h"

namespace dbarch::sql {

using NodeList = google::protobuf::RepeatedPtrField<pg_query::Node>;

// The text of a String node ("" for any other node).
std::string StringValue(const pg_query::Node& node);
// The String values of a list, e.g. a qualified name ["public","orders"].
std::vector<std::string> StringList(const NodeList& nodes);
// "a.b.c" from a list of String nodes.
std::string JoinNames(const NodeList& nodes, std::string_view sep = ".");

// Schema-qualified name of a RangeVar; schema defaults to default_schema.
model::QualifiedName NameOf(const pg_query::RangeVar& rv, const std::string& default_schema = "public");
// Qualified name from a list of String nodes (["orders"] or ["public","orders"]).
model::QualifiedName NameOf(const NodeList& names, const std::string& default_schema = "public");

// Canonical type name, as format_type() would print it: pg_catalog.int4 → "integer", varchar →
// "character varying", timestamptz → "timestamp with time zone", with typmods and array dimensions.
// serial types come back as their integer type; IsSerialType tells them apart.
model::TypeName TypeOf(const pg_query::TypeName& type);
// "serial"/"serial4" → "integer", "bigserial"/"serial8" → "bigint", "smallserial"/"serial2" → "smallint";
// std::nullopt when not a serial pseudo-type.
std::optional<std::string> SerialBaseType(const pg_query::TypeName& type);
// Canonical name of a built-in type alias ("int4" → "integer"); unchanged when not an alias.
std::string CanonicalTypeName(const std::string& name);

// An integer constant (A_Const ival, or a negated one); std::nullopt otherwise.
std::optional<long long> IntegerValue(const pg_query::Node& node);
// The value of a constant as SQL text ("'abc'", "42", "true", "NULL"); "" when not a constant.
std::string ConstantSql(const pg_query::Node& node);

// Column name of a ColumnRef's last field ("" for `*`).
std::string ColumnRefName(const pg_query::ColumnRef& ref);
// Qualifier of a ColumnRef ("o" in o.customer_id; "" when unqualified).
std::string ColumnRefQualifier(const pg_query::ColumnRef& ref);

// Calls `visit` on every message of the tree below `root` (depth first, root included).
void VisitTree(const google::protobuf::Message& root, const std::function<void(const google::protobuf::Message&)>& visit);

// Columns an SQL expression refers to, in order of appearance without repeats, from a parse of
// `SELECT WHERE <expression>` ("(o.status = 'open'::text) AND (total > 10)" → status, total). Empty when the
// text does not parse. Used on the conditions EXPLAIN prints.
std::vector<std::string> ColumnsInExpression(const std::string& expression);

}  // namespace dbarch::sql
