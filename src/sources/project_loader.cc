#include "sources/project_loader.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "sources/ddl_loader.h"
#include "sources/migration_order.h"
#include "sources/workload_loader.h"
#include "sql/parser.h"

namespace dbarch::sources {
namespace {

namespace fs = std::filesystem;

bool IsSkippedDirectory(const fs::path& dir) {
  static const std::set<std::string> kSkip = {"node_modules", "vendor", "build", "dist", "target", "tmp",
                                              "__pycache__", "venv", ".venv"};
  std::string name = dir.filename().string();
  return (!name.empty() && name[0] == '.' && name != "." && name != "..") || kSkip.count(name) > 0 ||
         name.rfind("build-", 0) == 0;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool IsSqlFile(const fs::path& p) {
  std::string ext = Lower(p.extension().string());
  return ext == ".sql" || ext == ".ddl" || ext == ".psql" || ext == ".pgsql";
}

// Collects .sql files below a folder, sorted by path for determinism.
Status CollectSqlFiles(const fs::path& root, std::vector<fs::path>* out) {
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) return Status::IoError(fmt::format("cannot list '{}': {}", root.string(), ec.message()));
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) return Status::IoError(fmt::format("cannot list '{}': {}", root.string(), ec.message()));
    if (it->is_directory() && IsSkippedDirectory(it->path())) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && IsSqlFile(it->path())) out->push_back(it->path());
  }
  std::sort(out->begin(), out->end());
  return Status::Ok();
}

enum class Content { kSchema, kWorkload, kSeed, kEmpty, kMixed };

bool IsDdl(const pg_query::Node& n) {
  using N = pg_query::Node;
  switch (n.node_case()) {
    case N::kCreateStmt: case N::kAlterTableStmt: case N::kIndexStmt: case N::kViewStmt:
    case N::kCreateTableAsStmt: case N::kCreateSeqStmt: case N::kAlterSeqStmt: case N::kCreateEnumStmt:
    case N::kAlterEnumStmt: case N::kCreateDomainStmt: case N::kCreateFunctionStmt: case N::kCreateTrigStmt:
    case N::kCreatePolicyStmt: case N::kDropStmt: case N::kRenameStmt: case N::kCommentStmt:
    case N::kCreateSchemaStmt: case N::kCreateExtensionStmt: case N::kGrantStmt: case N::kCreateRoleStmt:
    case N::kAlterObjectSchemaStmt: case N::kCompositeTypeStmt: case N::kDefineStmt:
    case N::kAlterDomainStmt: case N::kCreateRangeStmt: case N::kAlterFunctionStmt:
      return true;
    default:
      return false;
  }
}

bool IsQuery(const pg_query::Node& n) {
  return n.has_select_stmt() || n.has_insert_stmt() || n.has_update_stmt() || n.has_delete_stmt() ||
         n.has_merge_stmt();
}

bool HasParameter(const std::string& text) { return text.find('$') != std::string::npos; }

// An INSERT … VALUES with constants only: seed or fixture data rather than application code.
bool IsSeedInsert(const sql::Statement& st) {
  if (!st.node.has_insert_stmt()) return false;
  const auto& ins = st.node.insert_stmt();
  if (!ins.has_select_stmt() || !ins.select_stmt().has_select_stmt()) return false;
  const auto& sel = ins.select_stmt().select_stmt();
  return sel.values_lists_size() > 0 && !HasParameter(st.text);
}

Content Classify(const sql::ParsedFile& file, std::string* detail) {
  int ddl = 0, queries = 0, seeds = 0;
  for (const auto& st : file.statements) {
    if (IsDdl(st.node)) ++ddl;
    else if (IsSeedInsert(st)) ++seeds;
    else if (IsQuery(st.node)) ++queries;
  }
  if (ddl == 0 && queries == 0 && seeds == 0) {
    *detail = "no DDL or queries";
    return Content::kEmpty;
  }
  if (ddl >= queries && ddl > 0) {
    *detail = fmt::format("{} DDL statement{}", ddl, ddl == 1 ? "" : "s");
    return Content::kSchema;
  }
  if (queries > 0) {
    *detail = fmt::format("{} quer{}", queries, queries == 1 ? "y" : "ies");
    return Content::kWorkload;
  }
  *detail = "seed data (INSERT of constants)";
  return Content::kSeed;
}

bool IsFullSchemaName(const fs::path& p) {
  std::string name = Lower(p.filename().string());
  return name == "schema.sql" || name == "structure.sql" || name.find("schema") != std::string::npos ||
         name.find("dump") != std::string::npos;
}

bool UnderFolderNamed(const fs::path& p, const fs::path& root, std::initializer_list<const char*> names) {
  for (fs::path dir = p.parent_path(); !dir.empty() && dir != root.parent_path(); dir = dir.parent_path()) {
    std::string name = Lower(dir.filename().string());
    for (const char* n : names) {
      if (name == n) return true;
    }
    if (dir == root) break;
  }
  return false;
}

struct Plan {
  std::vector<std::string> schema_files;    // replay order
  std::vector<std::string> workload_files;
  std::vector<ClassifiedFile> files;
};

class Loader {
 public:
  Result<std::shared_ptr<sql::ParsedFile>> Parse(const std::string& path) {
    auto it = cache_.find(path);
    if (it != cache_.end()) return it->second;
    auto parsed = sql::ParseFile(path);
    if (!parsed.ok()) return parsed.status();
    auto shared = std::make_shared<sql::ParsedFile>(std::move(parsed).value());
    cache_[path] = shared;
    return shared;
  }

 private:
  std::map<std::string, std::shared_ptr<sql::ParsedFile>> cache_;
};

std::string VersionText(const MigrationFile& f) {
  std::string v;
  for (auto part : f.version) v += (v.empty() ? "" : ".") + std::to_string(part);
  return v;
}

// Adds the up files of a migration folder in replay order.
void AddMigrationFolder(std::vector<MigrationFile> files, Plan* plan) {
  std::vector<MigrationFile> rollbacks;
  for (auto& f : OrderForReplay(std::move(files), &rollbacks)) {
    std::string detail = f.direction == MigrationFile::Direction::kRepeatable
                             ? fmt::format("{} repeatable migration", f.convention)
                             : f.version.empty() ? "unversioned file in a migration folder, replayed last"
                                                 : fmt::format("{} version {}", f.convention, VersionText(f));
    plan->files.push_back({f.path, "migration", detail});
    plan->schema_files.push_back(f.path);
  }
  for (auto& f : rollbacks) {
    plan->files.push_back({f.path, "rollback", fmt::format("{} down migration (not replayed)", f.convention)});
  }
}

Status PlanPositional(const std::vector<std::string>& paths, Loader* loader, Plan* plan) {
  std::vector<std::string> full_schemas;
  std::vector<std::vector<MigrationFile>> migration_folders;
  std::vector<std::pair<std::string, std::string>> content_schema;  // path, detail

  for (const auto& arg : paths) {
    fs::path root(arg);
    std::error_code ec;
    if (arg == "-" || fs::is_regular_file(root, ec)) {
      auto parsed = loader->Parse(arg);
      if (!parsed.ok()) return parsed.status();
      std::string detail;
      switch (Classify(**parsed, &detail)) {
        case Content::kSchema: content_schema.emplace_back(arg, detail); break;
        case Content::kWorkload:
          plan->files.push_back({arg, "workload", detail});
          plan->workload_files.push_back(arg);
          break;
        case Content::kSeed: case Content::kEmpty: case Content::kMixed:
          plan->files.push_back({arg, "ignored", detail});
          break;
      }
      continue;
    }
    if (!fs::is_directory(root, ec)) {
      return Status::InvalidInput(fmt::format("'{}' does not exist (expected a folder or a .sql file)", arg));
    }
    std::vector<fs::path> sql_files;
    DBARCH_RETURN_IF_ERROR(CollectSqlFiles(root, &sql_files));
    // Group by folder; Prisma's <version>/migration.sql files group by their grandparent.
    std::map<fs::path, std::vector<MigrationFile>> by_folder;
    for (const auto& p : sql_files) {
      fs::path group = p.parent_path();
      if (p.filename() == "migration.sql" && group.has_parent_path()) group = group.parent_path();
      by_folder[group].push_back(ClassifyMigrationPath(p.string()));
    }
    for (auto& [folder, files] : by_folder) {
      if (LooksLikeMigrationFolder(files)) {
        migration_folders.push_back(std::move(files));
        continue;
      }
      for (const auto& f : files) {
        fs::path p(f.path);
        bool workload_folder = UnderFolderNamed(p, root, {"queries", "query", "workload", "workloads", "sql-queries"});
        bool seed_like = Lower(p.filename().string()).find("seed") != std::string::npos ||
                         UnderFolderNamed(p, root, {"seeds", "fixtures", "testdata"});
        if (seed_like && !workload_folder) {
          plan->files.push_back({f.path, "ignored", "seed or fixture data (by its name)"});
          continue;
        }
        auto parsed = loader->Parse(f.path);
        if (!parsed.ok()) return parsed.status();
        std::string detail;
        Content content = Classify(**parsed, &detail);
        if (workload_folder && content != Content::kSchema) {
          plan->files.push_back({f.path, "workload", detail + " (in a queries folder)"});
          plan->workload_files.push_back(f.path);
        } else if (content == Content::kSchema) {
          if (IsFullSchemaName(p)) full_schemas.push_back(f.path);
          else content_schema.emplace_back(f.path, detail);
        } else if (content == Content::kWorkload) {
          plan->files.push_back({f.path, "workload", detail});
          plan->workload_files.push_back(f.path);
        } else {
          plan->files.push_back({f.path, "ignored", detail});
        }
      }
    }
  }

  if (!full_schemas.empty()) {
    for (const auto& path : full_schemas) {
      plan->files.push_back({path, "schema", "full schema file (its name says so), replayed as the final state"});
      plan->schema_files.push_back(path);
    }
    for (auto& folder : migration_folders) {
      for (const auto& f : folder) {
        plan->files.push_back({f.path, "ignored", "migration superseded by the full schema file"});
      }
    }
  } else {
    for (auto& folder : migration_folders) AddMigrationFolder(std::move(folder), plan);
  }
  for (const auto& [path, detail] : content_schema) {
    plan->files.push_back({path, "schema", detail});
    plan->schema_files.push_back(path);
  }
  return Status::Ok();
}

Status PlanExplicit(const std::vector<std::string>& paths, bool schema, Plan* plan) {
  for (const auto& arg : paths) {
    fs::path root(arg);
    std::error_code ec;
    if (arg == "-" || fs::is_regular_file(root, ec)) {
      plan->files.push_back({arg, schema ? "schema" : "workload", "given explicitly"});
      (schema ? plan->schema_files : plan->workload_files).push_back(arg);
      continue;
    }
    if (!fs::is_directory(root, ec)) {
      return Status::InvalidInput(fmt::format("'{}' does not exist (expected a folder or a .sql file)", arg));
    }
    std::vector<fs::path> sql_files;
    DBARCH_RETURN_IF_ERROR(CollectSqlFiles(root, &sql_files));
    if (schema) {
      std::vector<MigrationFile> files;
      for (const auto& p : sql_files) files.push_back(ClassifyMigrationPath(p.string()));
      AddMigrationFolder(std::move(files), plan);
    } else {
      for (const auto& p : sql_files) {
        plan->files.push_back({p.string(), "workload", "given explicitly"});
        plan->workload_files.push_back(p.string());
      }
    }
  }
  return Status::Ok();
}

// Replays a schema file, following psql's \i / \ir includes at their position.
Status ReplayFile(const std::string& path, Loader* loader, DdlReplayer* replayer, Diagnostics* diags,
                  std::set<std::string>* active) {
  std::string key = fs::weakly_canonical(path).string();
  if (active->count(key)) {
    diags->push_back({Severity::kWarning, {path}, "include-cycle", fmt::format("'{}' includes itself; skipped", path)});
    return Status::Ok();
  }
  active->insert(key);
  auto parsed = loader->Parse(path);
  if (!parsed.ok()) return parsed.status();
  const sql::ParsedFile& file = **parsed;
  for (const auto& d : file.diagnostics) diags->push_back(d);
  std::size_t next_meta = 0;
  auto flush_metas = [&](std::size_t before) -> Status {
    while (next_meta < file.meta_commands.size() && file.meta_commands[next_meta].location.byte_offset < before) {
      const auto& meta = file.meta_commands[next_meta++];
      if (meta.command == "i" || meta.command == "ir" || meta.command == "include" ||
          meta.command == "include_relative") {
        fs::path target(meta.argument);
        if (meta.command == "ir" || meta.command == "include_relative" || target.is_relative()) {
          target = fs::path(path).parent_path() / target;
        }
        std::error_code ec;
        if (!fs::is_regular_file(target, ec)) {
          diags->push_back({Severity::kWarning, meta.location, "missing-include",
                            fmt::format("\\{} {}: file not found; its statements are not in the model",
                                        meta.command, meta.argument)});
          continue;
        }
        DBARCH_RETURN_IF_ERROR(ReplayFile(target.string(), loader, replayer, diags, active));
      }
    }
    return Status::Ok();
  };
  if (file.statements.empty()) {
    diags->push_back({Severity::kWarning, {path}, "empty-file", "no SQL statements in this schema file"});
  }
  for (const auto& st : file.statements) {
    DBARCH_RETURN_IF_ERROR(flush_metas(st.location.byte_offset));
    replayer->Apply(st, diags);
  }
  DBARCH_RETURN_IF_ERROR(flush_metas(std::string::npos));
  active->erase(key);
  return Status::Ok();
}

}  // namespace

bool LoadedProject::has_schema() const { return !catalog.tables.empty() || !catalog.views.empty(); }

Result<LoadedProject> LoadProject(const LoadOptions& options) {
  Loader loader;
  Plan plan;
  DBARCH_RETURN_IF_ERROR(PlanPositional(options.paths, &loader, &plan));
  DBARCH_RETURN_IF_ERROR(PlanExplicit(options.schema_paths, true, &plan));
  DBARCH_RETURN_IF_ERROR(PlanExplicit(options.workload_paths, false, &plan));

  LoadedProject project;
  if (!options.paths.empty()) {
    fs::path first(options.paths.front());
    project.name = fs::is_directory(first) ? fs::weakly_canonical(first).filename().string() : first.stem().string();
  } else if (!options.schema_paths.empty()) {
    project.name = fs::path(options.schema_paths.front()).stem().string();
  }
  project.files = std::move(plan.files);
  // Schema first (in replay order), then the workload, then what was set aside.
  auto rank = [](const ClassifiedFile& f) {
    if (f.role == "migration" || f.role == "schema") return 0;
    if (f.role == "workload") return 1;
    if (f.role == "rollback") return 2;
    return 3;
  };
  std::stable_sort(project.files.begin(), project.files.end(),
                   [&](const ClassifiedFile& a, const ClassifiedFile& b) { return rank(a) < rank(b); });

  DdlReplayer replayer(&project.catalog);
  std::set<std::string> active;
  for (const auto& path : plan.schema_files) {
    DBARCH_RETURN_IF_ERROR(ReplayFile(path, &loader, &replayer, &project.diagnostics, &active));
  }
  for (const auto& path : plan.workload_files) {
    auto parsed = loader.Parse(path);
    if (!parsed.ok()) return parsed.status();
    if ((*parsed)->statements.empty()) {
      project.diagnostics.push_back({Severity::kWarning, {path}, "empty-file", "no SQL statements in this workload file"});
    }
    AddWorkloadFile(**parsed, project.catalog, &project.workload);
  }
  for (const auto& q : project.workload.queries) {
    project.diagnostics.insert(project.diagnostics.end(), q.diagnostics.begin(), q.diagnostics.end());
  }
  project.diagnostics.insert(project.diagnostics.end(), project.workload.diagnostics.begin(),
                             project.workload.diagnostics.end());
  return project;
}

}  // namespace dbarch::sources
