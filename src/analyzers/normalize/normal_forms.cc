#include "analyzers/normalize/normal_forms.h"

#include <algorithm>
#include <map>
#include <regex>

#include <fmt/format.h>

namespace dbarch::analyzers::normalize {
namespace {

std::string Thousands(long long n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), " ");
  return s;
}

void CheckAtomicity(const TableData& table, const std::vector<ColumnProfile>& profile, int duplicate_rows,
                    std::vector<NormalFormViolation>* out) {
  for (int c = 0; c < static_cast<int>(profile.size()); ++c) {
    const ColumnProfile& p = profile[c];
    if (p.type == "jsonb" && p.json_documents > 0) {
      out->push_back({NormalForm::k1NF, "non-atomic-json", {c}, false, {}, {}, {},
                      fmt::format("{} holds JSON documents ({} distinct values), not one value per field", p.name,
                                  p.json_documents)});
    } else if (p.distinct >= 2 && p.list_like * 2 >= p.distinct) {
      out->push_back({NormalForm::k1NF, "non-atomic-list", {c}, false, {}, {}, {},
                      fmt::format("{} holds lists: {} of its {} distinct values contain a separator (, ; |)",
                                  p.name, p.list_like, p.distinct)});
    }
  }
  // Repeated groups: names that differ only by a trailing number (phone1, phone_2, phone3).
  static const std::regex kNumbered(R"((.*?)[_ ]?([0-9]+)$)");
  std::map<std::string, std::vector<int>> stems;
  for (int c = 0; c < table.num_columns(); ++c) {
    std::smatch m;
    if (std::regex_match(table.columns[c], m, kNumbered) && !m[1].str().empty()) {
      std::string stem = m[1].str();
      std::transform(stem.begin(), stem.end(), stem.begin(), [](unsigned char ch) { return std::tolower(ch); });
      stems[stem].push_back(c);
    }
  }
  for (const auto& [stem, columns] : stems) {
    if (columns.size() < 2 || stem == "column") continue;  // column1…N are the names given to headerless files
    std::string names;
    for (int c : columns) names += (names.empty() ? "" : ", ") + table.columns[c];
    out->push_back({NormalForm::k1NF, "repeated-group", columns, false, {}, {}, {},
                    fmt::format("{} repeat one attribute ({}) in {} columns: a separate table with one row per "
                                "value is the 1NF shape",
                                names, stem, columns.size())});
  }
  if (duplicate_rows > 0)
    out->push_back({NormalForm::k1NF, "duplicate-rows", {}, false, {}, {}, {},
                    fmt::format("{} row{} an earlier row in every column: without a key a row cannot be "
                                "told apart from its copy",
                                Thousands(duplicate_rows), duplicate_rows == 1 ? " repeats" : "s repeat")});
}

}  // namespace

std::string NormalFormName(NormalForm form) {
  switch (form) {
    case NormalForm::kUnnormalized: return "not 1NF";
    case NormalForm::k1NF: return "1NF";
    case NormalForm::k2NF: return "2NF";
    case NormalForm::k3NF: return "3NF";
    case NormalForm::kBCNF: return "BCNF";
  }
  return "?";
}

NormalFormReport JudgeNormalForm(const TableOracle& oracle, const std::vector<ColumnProfile>& profile,
                                 const FdResult& fds, const UccResult& uccs) {
  const TableData& table = oracle.table();
  NormalFormReport report;
  report.keys = uccs.keys;
  CheckAtomicity(table, profile, uccs.duplicate_rows, &report.violations);
  size_t smallest = uccs.keys.empty() ? 0 : static_cast<size_t>(uccs.keys.front().Count());
  for (const auto& k : uccs.keys)
    if (static_cast<size_t>(k.Count()) == smallest) report.trusted_keys.push_back(k);
  // The most natural key first: partial dependencies are explained against it.
  std::stable_sort(report.trusted_keys.begin(), report.trusted_keys.end(),
                   [&](const AttributeSet& a, const AttributeSet& b) { return oracle.KeyScore(a) > oracle.KeyScore(b); });
  AttributeSet prime;
  for (const auto& k : report.trusted_keys) prime |= k;
  auto is_superkey = [&](const AttributeSet& x) {
    return std::any_of(uccs.keys.begin(), uccs.keys.end(), [&](const AttributeSet& k) { return k.IsSubsetOf(x); });
  };
  // One violation per left-hand side and kind: customer_id → name, email, zip.
  std::map<std::pair<std::vector<int>, std::string>, size_t> grouped;
  for (const FunctionalDependency& fd : fds.fds) {
    if (fd.lhs.Empty() || is_superkey(fd.lhs)) continue;
    NormalFormViolation v;
    v.has_fd = true;
    v.fd = fd;
    v.rhs.Set(fd.rhs);
    bool partial = false;
    for (const auto& k : report.trusted_keys)
      if (fd.lhs.IsSubsetOf(k) && fd.lhs != k) partial = true;
    if (prime.Test(fd.rhs)) {
      v.breaks = NormalForm::kBCNF;
      v.kind = "non-key-determinant";
    } else if (partial) {
      v.breaks = NormalForm::k2NF;
      v.kind = "partial-dependency";
    } else {
      v.breaks = NormalForm::k3NF;
      v.kind = "transitive-dependency";
    }
    auto key = std::make_pair(fd.lhs.Members(), v.kind);
    auto found = grouped.find(key);
    if (found != grouped.end()) {
      report.violations[found->second].rhs.Set(fd.rhs);
      continue;
    }
    grouped[key] = report.violations.size();
    report.violations.push_back(std::move(v));
  }
  // Evidence, and the accidental ones set aside.
  std::vector<NormalFormViolation> all = std::move(report.violations);
  report.violations.clear();
  for (auto& v : all) {
    if (!v.has_fd) {  // the 1NF findings
      report.violations.push_back(std::move(v));
      continue;
    }
    v.support = oracle.Support(v.fd);
    const AttributeSet& x = v.fd.lhs;
    std::string fd_text = ColumnsText(table, x) + " → " + ColumnsText(table, v.rhs);
    v.evidence = fmt::format(
        "{} holds on 100% of {} rows; {} distinct {} value{}, so {} rows repeat a fact stated elsewhere", fd_text,
        Thousands(v.support.rows), Thousands(v.support.lhs_distinct), ColumnsText(table, x),
        v.support.lhs_distinct == 1 ? "" : "s", Thousands(v.support.redundant_rows));
    std::string key_text;
    for (const auto& k : report.trusted_keys)
      if (x.IsSubsetOf(k) && x != k && key_text.empty()) key_text = ColumnsText(table, k);
    if (v.kind == "non-key-determinant")
      v.evidence += fmt::format(" ({} is not a key; {} part of a key)", ColumnsText(table, x),
                                v.rhs.Count() == 1 ? ColumnsText(table, v.rhs) + " is" : "they are");
    else if (v.kind == "partial-dependency")
      v.evidence += fmt::format(" (a partial dependency on the key ({}))", key_text);
    else
      v.evidence += fmt::format(" (a transitive dependency: {} is not a key)", ColumnsText(table, x));
    if (v.support.accidental) {
      v.evidence += fmt::format(" — too little repetition to trust (plausibility {:.2f})", v.support.plausibility);
      report.accidental.push_back(std::move(v));
    } else {
      report.violations.push_back(std::move(v));
    }
  }
  auto order = [](const NormalFormViolation& x, const NormalFormViolation& y) {
    if (x.breaks != y.breaks) return x.breaks < y.breaks;
    return x.support.plausibility > y.support.plausibility;
  };
  std::stable_sort(report.violations.begin(), report.violations.end(), order);
  std::stable_sort(report.accidental.begin(), report.accidental.end(), order);
  report.highest = NormalForm::kBCNF;
  for (const auto& v : report.violations)
    report.highest = std::min(report.highest, static_cast<NormalForm>(static_cast<int>(v.breaks) - 1));
  return report;
}

}  // namespace dbarch::analyzers::normalize
