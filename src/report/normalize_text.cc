#include "report/normalize_text.h"

#include <algorithm>

#include <fmt/format.h>

namespace dbarch::report {
namespace {

using analyzers::TableNormalization;
using namespace analyzers::normalize;

constexpr size_t kFdsShown = 40;

std::string Thousands(long long n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > (s[0] == '-' ? 1 : 0); i -= 3) s.insert(static_cast<size_t>(i), " ");
  return s;
}

nlohmann::json Columns(const TableData& t, const AttributeSet& s) {
  nlohmann::json a = nlohmann::json::array();
  for (int c : s.Members()) a.push_back(t.columns[c]);
  return a;
}

std::string Shorten(const std::string& s, size_t n) {
  if (s.size() <= n) return s;
  size_t cut = n;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

std::string TableLine(const TableData& t, const Decomposition& d, const DesignedTable& dt) {
  std::string cols;
  for (int c : dt.columns) {
    cols += (cols.empty() ? "" : ", ") + t.columns[c];
    if (dt.primary_key.Test(c)) cols += " (PK)";
  }
  std::string fks;
  for (const auto& fk : dt.foreign_keys) {
    std::string names;
    for (int c : fk.columns) names += (names.empty() ? "" : ", ") + t.columns[c];
    fks += fmt::format("; {} → {}", names, d.tables[fk.referenced].name);
  }
  return fmt::format("{}({}){}", dt.name, cols, fks);
}

}  // namespace

std::string NormalizeText(const analyzers::NormalizeResult& result) {
  std::string out;
  for (const TableNormalization& tn : result.tables) {
    const TableData& t = tn.data;
    if (!out.empty()) out += "\n";
    out += fmt::format("{}: {} rows, {} columns\n", t.source.empty() ? t.name : t.source, Thousands(t.num_rows()),
                       t.num_columns());
    out += "\nColumns\n";
    size_t width = 6;
    for (const auto& p : tn.profile) width = std::max(width, p.name.size());
    out += fmt::format("  {:<{}}  {:<11}  {:>6}  {:>8}  {}\n", "column", width, "type", "nulls", "distinct", "min … max");
    for (const auto& p : tn.profile)
      out += fmt::format("  {:<{}}  {:<11}  {:>6}  {:>8}  {}\n", p.name, width, p.type, p.nulls, p.distinct,
                         p.distinct == 0 ? "" : Shorten(p.min, 24) + " … " + Shorten(p.max, 24));
    out += fmt::format("\nFunctional dependencies: {} minimal{}\n", Thousands(static_cast<long long>(tn.fds.fds.size())),
                       tn.fds.complete ? "" : " (incomplete: " + tn.fds.limit_message + ")");
    for (size_t i = 0; i < tn.fds.fds.size() && i < kFdsShown; ++i) out += "  " + FdText(t, tn.fds.fds[i]) + "\n";
    if (tn.fds.fds.size() > kFdsShown)
      out += fmt::format("  … and {} more (--format json lists them all)\n", tn.fds.fds.size() - kFdsShown);
    out += "\nCandidate keys:";
    if (tn.keys.keys.empty()) out += " none";
    for (size_t i = 0; i < tn.keys.keys.size() && i < kFdsShown; ++i)
      out += fmt::format("{} ({})", i ? "," : "", ColumnsText(t, tn.keys.keys[i]));
    if (tn.keys.keys.size() > kFdsShown) out += fmt::format(", … {} more", tn.keys.keys.size() - kFdsShown);
    if (!tn.keys.complete) out += " (" + tn.keys.limit_message + ")";
    out += "\n";
    if (tn.keys.duplicate_rows) out += fmt::format("Duplicate rows: {}\n", tn.keys.duplicate_rows);
    const NormalFormReport& nf = tn.normal_form;
    out += fmt::format("\nNormal form: {}\n", NormalFormName(nf.highest));
    for (const auto& v : nf.violations)
      out += fmt::format("  breaks {} ({}): {}\n", NormalFormName(v.breaks), v.kind, v.evidence);
    if (!nf.accidental.empty()) {
      out += fmt::format("  not counted, likely accidental: {} FD{} the data barely repeats", nf.accidental.size(),
                         nf.accidental.size() == 1 ? "" : "s");
      std::string examples;
      for (size_t i = 0; i < nf.accidental.size() && i < 3; ++i)
        examples += (i ? ", " : "") + FdText(t, nf.accidental[i].fd);
      out += fmt::format(" (e.g. {})\n", examples);
    }
    const Decomposition& d = tn.decomposition;
    bool fd_violations = std::any_of(nf.violations.begin(), nf.violations.end(),
                                     [](const NormalFormViolation& v) { return v.has_fd; });
    if (d.method == "unchanged" && fd_violations) {
      out += "\nDecomposition: none proposed (the violating dependencies' left-hand sides hold NULLs and cannot "
             "become primary keys)\n";
    } else if (d.method == "unchanged") {
      out += "\nDecomposition: none needed\n";
    } else {
      out += fmt::format("\nDecomposition ({}{}):\n", d.method, d.dependency_preserving ? ", dependency preserving" : "");
      for (const auto& s : d.steps) out += "  " + s + "\n";
      for (const auto& dt : d.tables) out += "  → " + TableLine(t, d, dt) + "\n";
    }
  }
  if (!result.inclusion_dependencies.empty()) {
    out += "\nInclusion dependencies\n";
    for (const auto& ind : result.inclusion_dependencies) {
      const TableData& a = result.tables[ind.dependent_table].data;
      const TableData& b = result.tables[ind.referenced_table].data;
      out += fmt::format("  {}.{} ⊆ {}.{} ({} value{}){}\n", a.name, a.columns[ind.dependent_column], b.name,
                         b.columns[ind.referenced_column], ind.distinct_values, ind.distinct_values == 1 ? "" : "s",
                         ind.referenced_unique ? ": foreign-key candidate" : "");
    }
  }
  return out;
}

nlohmann::json NormalizeJson(const analyzers::NormalizeResult& result) {
  nlohmann::json tables = nlohmann::json::array();
  for (const TableNormalization& tn : result.tables) {
    const TableData& t = tn.data;
    nlohmann::json j;
    j["name"] = t.name;
    j["source"] = t.source;
    j["rows"] = t.num_rows();
    nlohmann::json cols = nlohmann::json::array();
    for (const auto& p : tn.profile)
      cols.push_back({{"name", p.name}, {"type", p.type}, {"nulls", p.nulls}, {"distinct", p.distinct},
                      {"min", p.min}, {"max", p.max}});
    j["columns"] = cols;
    nlohmann::json fds = nlohmann::json::array();
    for (const auto& fd : tn.fds.fds) fds.push_back({{"lhs", Columns(t, fd.lhs)}, {"rhs", t.columns[fd.rhs]}});
    j["functional_dependencies"] = fds;
    j["fd_search"] = {{"complete", tn.fds.complete}, {"message", tn.fds.limit_message}};
    nlohmann::json keys = nlohmann::json::array();
    for (const auto& k : tn.keys.keys) keys.push_back(Columns(t, k));
    j["candidate_keys"] = keys;
    j["key_search"] = {{"complete", tn.keys.complete}, {"message", tn.keys.limit_message}};
    j["duplicate_rows"] = tn.keys.duplicate_rows;
    nlohmann::json violations = nlohmann::json::array();
    auto violation = [&](const NormalFormViolation& v) {
      nlohmann::json x = {{"breaks", NormalFormName(v.breaks)}, {"kind", v.kind}, {"evidence", v.evidence}};
      if (v.has_fd) {
        x["fd"] = {{"lhs", Columns(t, v.fd.lhs)}, {"rhs", t.columns[v.fd.rhs]}};
        x["support"] = {{"rows", v.support.rows}, {"lhs_distinct", v.support.lhs_distinct},
                        {"redundant_rows", v.support.redundant_rows},
                        {"plausibility", std::round(v.support.plausibility * 100) / 100}};
      } else {
        nlohmann::json c = nlohmann::json::array();
        for (int col : v.columns) c.push_back(t.columns[col]);
        x["columns"] = c;
      }
      return x;
    };
    for (const auto& v : tn.normal_form.violations) violations.push_back(violation(v));
    nlohmann::json accidental = nlohmann::json::array();
    for (const auto& v : tn.normal_form.accidental) accidental.push_back(violation(v));
    j["normal_form"] = {{"highest", NormalFormName(tn.normal_form.highest)}, {"violations", violations},
                        {"accidental", accidental}};
    const Decomposition& d = tn.decomposition;
    nlohmann::json dts = nlohmann::json::array();
    for (const auto& dt : d.tables) {
      nlohmann::json fks = nlohmann::json::array();
      for (const auto& fk : dt.foreign_keys) {
        nlohmann::json c = nlohmann::json::array();
        for (int col : fk.columns) c.push_back(t.columns[col]);
        fks.push_back({{"columns", c}, {"references", d.tables[fk.referenced].name}});
      }
      nlohmann::json c = nlohmann::json::array();
      for (int col : dt.columns) c.push_back(t.columns[col]);
      dts.push_back({{"name", dt.name}, {"columns", c}, {"primary_key", Columns(t, dt.primary_key)},
                     {"foreign_keys", fks}});
    }
    nlohmann::json lost = nlohmann::json::array();
    for (const auto& fd : d.lost) lost.push_back(FdText(t, fd));
    j["decomposition"] = {{"method", d.method}, {"dependency_preserving", d.dependency_preserving},
                          {"steps", d.steps}, {"lost_by_bcnf", lost}, {"tables", dts}};
    tables.push_back(j);
  }
  nlohmann::json inds = nlohmann::json::array();
  for (const auto& ind : result.inclusion_dependencies) {
    const TableData& a = result.tables[ind.dependent_table].data;
    const TableData& b = result.tables[ind.referenced_table].data;
    inds.push_back({{"dependent", a.name + "." + a.columns[ind.dependent_column]},
                    {"referenced", b.name + "." + b.columns[ind.referenced_column]},
                    {"distinct_values", ind.distinct_values},
                    {"foreign_key_candidate", ind.referenced_unique}});
  }
  return {{"tables", tables}, {"inclusion_dependencies", inds}};
}

std::string DesignMermaid(const std::vector<TableDesign>& designs, const std::vector<InclusionDependency>& inds) {
  (void)inds;
  std::string out = "erDiagram\n";
  for (const auto& design : designs) {
    const TableNormalization& tn = *design.table;
    const Decomposition& d = tn.decomposition;
    for (const auto& dt : d.tables) {
      out += fmt::format("  {} {{\n", dt.name);
      AttributeSet fk_cols;
      for (const auto& fk : dt.foreign_keys)
        for (int c : fk.columns) fk_cols.Set(c);
      for (int c : dt.columns) {
        std::string marks;
        if (dt.primary_key.Test(c)) marks = "PK";
        if (fk_cols.Test(c)) marks += marks.empty() ? "FK" : ", FK";
        out += fmt::format("    {} {}{}\n", tn.profile[c].type, SqlName(tn.data.columns[c]), marks.empty() ? "" : " " + marks);
      }
      out += "  }\n";
    }
    for (const auto& dt : d.tables)
      for (const auto& fk : dt.foreign_keys) {
        std::string label;
        for (int c : fk.columns) label += (label.empty() ? "" : ", ") + SqlName(tn.data.columns[c]);
        out += fmt::format("  {} ||--o{{ {} : \"{}\"\n", d.tables[fk.referenced].name, dt.name, label);
      }
  }
  return out;
}

std::string DesignSqlScript(const std::vector<TableDesign>& designs) {
  std::string out;
  for (const auto& design : designs) {
    const TableNormalization& tn = *design.table;
    out += fmt::format("-- {}: {} ({} table{})\n", tn.data.source, tn.decomposition.method,
                       tn.decomposition.tables.size(), tn.decomposition.tables.size() == 1 ? "" : "s");
    out += "-- 1. the original rows, as text:\n" + design.sql.staging_ddl;
    out += "-- load them with psql:\n" + design.sql.load_hint + "\n\n";
    out += "-- 2. the new tables and their data:\n" + design.sql.migration + "\n";
  }
  return out;
}

std::string DesignText(const std::vector<TableDesign>& designs, const std::vector<InclusionDependency>& inds) {
  std::string out;
  for (const auto& design : designs) {
    const TableNormalization& tn = *design.table;
    const Decomposition& d = tn.decomposition;
    out += fmt::format("{}: {} rows, {} columns, {}\n", tn.data.source, Thousands(tn.data.num_rows()),
                       tn.data.num_columns(), NormalFormName(tn.normal_form.highest));
    for (const auto& v : tn.normal_form.violations)
      out += fmt::format("  breaks {}: {}\n", NormalFormName(v.breaks), v.evidence);
    out += fmt::format("\nDesign: {}{} → {} table{}\n", d.method,
                       d.dependency_preserving ? ", dependency preserving" : "", d.tables.size(),
                       d.tables.size() == 1 ? "" : "s");
    for (const auto& s : d.steps) out += "  " + s + "\n";
    if (!d.lost.empty())
      for (const auto& fd : d.lost) out += "  BCNF would not preserve " + FdText(tn.data, fd) + "\n";
    for (const auto& dt : d.tables) out += "  → " + TableLine(tn.data, d, dt) + "\n";
    out += "\nVerification: ";
    if (!design.verification) {
      out += "not run (" + design.not_verified_reason + ")\n";
    } else {
      const verify::DesignVerification& v = *design.verification;
      if (!v.ran) out += "not run (" + v.not_run_reason + ")\n";
      else if (!v.migration_ok) out += "FAILED: the migration failed: " + v.migration_error + "\n";
      else {
        out += v.lossless() ? "lossless" : "NOT lossless";
        out += fmt::format(" — on a scratch PostgreSQL the migration ran with every key and foreign key in place, "
                           "and the join of the new tables gives back the {} distinct original rows ({} missing, "
                           "{} extra)\n",
                           Thousands(v.original_rows), v.missing_rows, v.extra_rows);
        for (const auto& [name, rows] : v.table_rows) out += fmt::format("  {}: {} rows\n", name, Thousands(rows));
      }
    }
    out += "\n-- Schema\n" + design.sql.ddl;
    out += "\n-- Migration (after loading the CSV file into " + design.sql.staging_table + ": " + design.sql.load_hint +
           ")\n" + design.sql.migration;
    out += "\n";
  }
  out += "-- ER diagram (Mermaid)\n" + DesignMermaid(designs, inds);
  return out;
}

nlohmann::json DesignJson(const std::vector<TableDesign>& designs, const std::vector<InclusionDependency>& inds) {
  nlohmann::json tables = nlohmann::json::array();
  for (const auto& design : designs) {
    nlohmann::json j;
    j["source"] = design.table->data.source;
    j["ddl"] = design.sql.ddl;
    j["migration"] = design.sql.migration;
    j["staging"] = design.sql.staging_ddl;
    if (design.verification) {
      const auto& v = *design.verification;
      j["verification"] = {{"ran", v.ran}, {"not_run_reason", v.not_run_reason}, {"migration_ok", v.migration_ok},
                           {"migration_error", v.migration_error}, {"lossless", v.lossless()},
                           {"original_rows", v.original_rows}, {"missing_rows", v.missing_rows},
                           {"extra_rows", v.extra_rows}};
    } else {
      j["verification"] = {{"ran", false}, {"not_run_reason", design.not_verified_reason}};
    }
    tables.push_back(j);
  }
  return {{"designs", tables}, {"mermaid", DesignMermaid(designs, inds)}};
}

}  // namespace dbarch::report
