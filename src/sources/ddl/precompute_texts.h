// The expressions and view queries a DDL replay prints into the model (column defaults, CHECK and partial-index
// predicates, index expressions, partition bounds, view queries, trigger and policy conditions), deparsed ahead
// into a sql::DeparseCache. `dbarch lint` replays on one thread while its parse workers have time to spare:
// a worker computes the texts right after parsing a file, and the replay of that file answers from them
// (ScopedDeparseCache). The cache's keys are `file`'s nodes: it is valid while `file` lives, unmoved.
#pragma once

#include <memory>

#include "sql/deparse_cache.h"
#include "sql/parser.h"

namespace dbarch::sources {

// `view_definitions`: as the replayer's DdlReplayer::KeepViewDefinitions (false: views' queries are left out).
std::unique_ptr<sql::DeparseCache> PrecomputeReplayTexts(const sql::ParsedFile& file, bool view_definitions = true);

}  // namespace dbarch::sources
