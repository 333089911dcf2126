// Replays DDL, statement by statement and in order, into a model::Catalog: CREATE/ALTER/DROP of every
// object kind the model holds, so that a migration folder replays to its final schema. Statements the
// model does not cover (SET, SELECT, INSERT of seed data, …) are skipped silently when they cannot change
// the schema and with a warning diagnostic (code "unsupported-statement") when they might; nothing throws.
#pragma once

#include <memory>

#include "dbarch/diagnostic.h"
#include "model/catalog.h"
#include "sql/parser.h"

namespace dbarch::sources {

namespace ddl {
struct RelationHints;
}

class DdlReplayer {
 public:
  // `catalog` must change only through this replayer while it is in use (it keeps an index of which tables have
  // parents and foreign keys).
  explicit DdlReplayer(model::Catalog* catalog);
  ~DdlReplayer();
  DdlReplayer(const DdlReplayer&) = delete;
  DdlReplayer& operator=(const DdlReplayer&) = delete;

  // Applies one statement. Problems (ALTER of an unknown table, DROP of a missing object without
  // IF EXISTS, …) become diagnostics at the statement's location.
  void Apply(const sql::Statement& statement, Diagnostics* diagnostics);
  // Applies every statement of a file in order.
  void ApplyFile(const sql::ParsedFile& file, Diagnostics* diagnostics);

  // The schema unqualified names resolve to (first entry of search_path; `SET search_path` changes it).
  const std::string& current_schema() const { return current_schema_; }

  // Whether a view keeps its deparsed query (View::definition; on by default). `dbarch lint` reads no view's
  // text and turns it off: deparsing the queries of a corpus's views was a few percent of its lint time.
  void KeepViewDefinitions(bool keep) { view_definitions_ = keep; }

 private:
  model::Catalog* catalog_;
  std::unique_ptr<ddl::RelationHints> hints_;
  std::string current_schema_ = "public";
  bool view_definitions_ = true;
};

}  // namespace dbarch::sources
