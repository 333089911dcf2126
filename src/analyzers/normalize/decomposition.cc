#include "analyzers/normalize/decomposition.h"

#include "analyzers/normalize/design_sql.h"

#include <algorithm>
#include <map>
#include <functional>
#include <set>

#include <fmt/format.h>

namespace dbarch::analyzers::normalize {
namespace {

// The FDs worth keeping enforceable: non-empty left side without NULLs that is a key or is backed by
// repeated values.
std::vector<FunctionalDependency> TrustedFds(const TableOracle& oracle, const NormalFormReport& nf,
                                             const FdResult& fds) {
  std::vector<FunctionalDependency> out;
  auto is_superkey = [&](const AttributeSet& x) {
    return std::any_of(nf.keys.begin(), nf.keys.end(), [&](const AttributeSet& k) { return k.IsSubsetOf(x); });
  };
  for (const auto& fd : fds.fds) {
    if (fd.lhs.Empty() || oracle.HasNulls(fd.lhs)) continue;
    // Key dependencies count for the keys judged trustworthy only (wider keys are often unique by chance).
    if (is_superkey(fd.lhs)) {
      if (std::any_of(nf.trusted_keys.begin(), nf.trusted_keys.end(), [&](const AttributeSet& k) { return k == fd.lhs; }))
        out.push_back(fd);
      continue;
    }
    bool trusted = std::any_of(nf.violations.begin(), nf.violations.end(), [&](const NormalFormViolation& v) {
      return v.has_fd && v.fd.lhs == fd.lhs && v.rhs.Test(fd.rhs);
    });
    if (trusted) out.push_back(fd);
    if (out.size() >= 5000) break;
  }
  return out;
}

// Minimal keys of the projection on r (subsets of r whose closure covers r), smallest first, up to 4 columns.
std::vector<AttributeSet> KeysOf(const TableOracle& oracle, const AttributeSet& r) {
  std::vector<AttributeSet> keys;
  std::vector<int> members = r.Members();
  std::vector<AttributeSet> level = {AttributeSet()};
  for (int size = 0; size <= std::min<int>(4, static_cast<int>(members.size())); ++size) {
    std::vector<AttributeSet> next;
    std::set<std::vector<int>> queued;
    for (const AttributeSet& x : level) {
      bool has_key_subset =
          std::any_of(keys.begin(), keys.end(), [&](const AttributeSet& k) { return k.IsSubsetOf(x); });
      if (has_key_subset) continue;
      if (r.IsSubsetOf(oracle.Closure(x))) {
        keys.push_back(x);
        continue;
      }
      int last = -1;
      for (int a = x.First(); a >= 0; a = x.Next(a + 1)) last = a;
      for (int b : members)
        if (b > last) {
          AttributeSet y = x;
          y.Set(b);
          next.push_back(y);
        }
      if (next.size() > 4000) break;
    }
    level = std::move(next);
  }
  return keys;
}

AttributeSet BestKey(const TableOracle& oracle, const std::vector<AttributeSet>& keys, const AttributeSet& prefer) {
  AttributeSet best;
  double best_score = 0;
  for (const auto& k : keys) {
    double score = oracle.KeyScore(k) + (k == prefer ? 1 : 0);
    if (score > best_score) {
      best_score = score;
      best = k;
    }
  }
  return best;
}

std::string Stem(const std::string& column) {
  std::string s = SqlName(column);
  for (const char* suffix : {"_id", "_code", "_no", "_number", "_key", "_sku", "id"}) {
    std::string suf = suffix;
    if (s.size() > suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0) {
      s = s.substr(0, s.size() - suf.size());
      break;
    }
  }
  while (!s.empty() && s.back() == '_') s.pop_back();
  return s.empty() ? SqlName(column) : s;
}

// Dependency preservation of x → a across the parts, by the textbook fixpoint with exact closures.
bool Preserved(const TableOracle& oracle, const std::vector<AttributeSet>& parts, const FunctionalDependency& fd) {
  AttributeSet z = fd.lhs;
  bool changed = true;
  while (changed && !z.Test(fd.rhs)) {
    changed = false;
    for (const auto& r : parts) {
      AttributeSet t = oracle.Closure(z & r) & r;
      if (!t.IsSubsetOf(z)) {
        z |= t;
        changed = true;
      }
    }
  }
  return z.Test(fd.rhs);
}

// Closure under a set of FDs (for the synthesis, which reasons about the trusted FDs only).
AttributeSet FdClosure(const AttributeSet& x, const std::vector<FunctionalDependency>& fds, size_t skip) {
  AttributeSet z = x;
  bool changed = true;
  while (changed) {
    changed = false;
    for (size_t i = 0; i < fds.size(); ++i)
      if (i != skip && !z.Test(fds[i].rhs) && fds[i].lhs.IsSubsetOf(z)) {
        z.Set(fds[i].rhs);
        changed = true;
      }
  }
  return z;
}

std::vector<AttributeSet> BcnfParts(const TableOracle& oracle, const NormalFormReport& nf, int n,
                                    std::vector<std::string>* steps, std::map<std::vector<int>, AttributeSet>* split_keys) {
  const TableData& table = oracle.table();
  std::vector<AttributeSet> work = {AttributeSet::FirstN(n)}, done;
  std::map<std::vector<int>, AttributeSet> closures;
  auto closure = [&](const AttributeSet& x) -> const AttributeSet& {
    auto key = x.Members();
    auto it = closures.find(key);
    if (it == closures.end()) it = closures.emplace(key, oracle.Closure(x)).first;
    return it->second;
  };
  while (!work.empty()) {
    AttributeSet r = work.back();
    work.pop_back();
    const FunctionalDependency* best = nullptr;
    double best_score = -1;
    for (const auto& v : nf.violations) {
      if (!v.has_fd || v.support.lhs_has_nulls || v.fd.lhs.Empty()) continue;
      if (!v.fd.lhs.IsSubsetOf(r) || !v.rhs.Intersects(r)) continue;
      const AttributeSet& c = closure(v.fd.lhs);
      if (r.IsSubsetOf(c)) continue;  // X is a key of this part
      double covered = static_cast<double>((c & r).Count() - v.fd.lhs.Count()) / r.Count();
      double score = oracle.KeyScore(v.fd.lhs) + 0.25 * covered;
      if (score > best_score) {
        best_score = score;
        best = &v.fd;
      }
    }
    if (!best) {
      done.push_back(r);
      continue;
    }
    AttributeSet y = (closure(best->lhs) & r) - best->lhs;
    AttributeSet r1 = best->lhs | y, r2 = r - y;
    steps->push_back(fmt::format("split on {} → {}: ({}) and ({})", ColumnsText(table, best->lhs),
                                 ColumnsText(table, y), ColumnsText(table, r1), ColumnsText(table, r2)));
    (*split_keys)[r1.Members()] = best->lhs;
    work.push_back(r2);
    work.push_back(r1);
  }
  return done;
}

std::vector<AttributeSet> Synthesize(const TableOracle& oracle, const NormalFormReport& nf,
                                     std::vector<FunctionalDependency> fds, int n, std::vector<std::string>* steps,
                                     std::map<std::vector<int>, AttributeSet>* split_keys) {
  // Minimal cover: the FDs are left-reduced already (minimal); drop the ones the others imply, the least
  // plausible first.
  std::stable_sort(fds.begin(), fds.end(), [&](const FunctionalDependency& a, const FunctionalDependency& b) {
    return oracle.KeyScore(a.lhs) < oracle.KeyScore(b.lhs);
  });
  for (size_t i = 0; i < fds.size();) {
    if (FdClosure(fds[i].lhs, fds, i).Test(fds[i].rhs)) fds.erase(fds.begin() + static_cast<long>(i));
    else ++i;
  }
  std::map<std::vector<int>, AttributeSet> groups;
  for (const auto& fd : fds) {
    AttributeSet& g = groups[fd.lhs.Members()];
    g |= fd.lhs;
    g.Set(fd.rhs);
  }
  std::vector<AttributeSet> parts;
  for (const auto& [lhs, attrs] : groups) {
    AttributeSet x;
    for (int a : lhs) x.Set(a);
    (*split_keys)[attrs.Members()] = x;
    parts.push_back(attrs);
    steps->push_back(fmt::format("table for {} → {}", ColumnsText(oracle.table(), x),
                                 ColumnsText(oracle.table(), attrs - x)));
  }
  // A part holding a key of the whole table keeps the decomposition lossless.
  const AttributeSet all = AttributeSet::FirstN(n);
  bool has_key = std::any_of(parts.begin(), parts.end(), [&](const AttributeSet& p) {
    return std::any_of(nf.trusted_keys.begin(), nf.trusted_keys.end(), [&](const AttributeSet& k) { return k.IsSubsetOf(p); });
  });
  if (!has_key) {
    AttributeSet key = BestKey(oracle, nf.trusted_keys, AttributeSet());
    if (key.Empty()) key = all;
    parts.push_back(key);
    steps->push_back(fmt::format("table for the key ({})", ColumnsText(oracle.table(), key)));
  }
  // Columns no trusted FD mentions go with the key's part.
  AttributeSet covered;
  for (const auto& p : parts) covered |= p;
  if (covered != all)
    for (auto& p : parts)
      if (std::any_of(nf.trusted_keys.begin(), nf.trusted_keys.end(), [&](const AttributeSet& k) { return k.IsSubsetOf(p); })) {
        p |= all - covered;
        break;
      }
  std::vector<AttributeSet> kept;
  for (size_t i = 0; i < parts.size(); ++i) {
    bool subsumed = false;
    for (size_t j = 0; j < parts.size() && !subsumed; ++j)
      subsumed = j != i && parts[i].IsSubsetOf(parts[j]) && (parts[i] != parts[j] || j < i);
    if (!subsumed) kept.push_back(parts[i]);
  }
  return kept;
}

}  // namespace

std::string SqlName(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
    else if (c >= 0x80) out += static_cast<char>(c);
    else if (!out.empty() && out.back() != '_') out += '_';
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "c_" + out;
  return out;
}

Decomposition Decompose(const TableOracle& oracle, const NormalFormReport& nf, const FdResult& fds) {
  const TableData& table = oracle.table();
  const int n = table.num_columns();
  Decomposition d;
  std::map<std::vector<int>, AttributeSet> split_keys;
  std::vector<AttributeSet> parts = BcnfParts(oracle, nf, n, &d.steps, &split_keys);
  std::vector<FunctionalDependency> trusted = TrustedFds(oracle, nf, fds);
  if (parts.size() > 1) {
    for (const auto& fd : trusted)
      if (!Preserved(oracle, parts, fd)) d.lost.push_back(fd);
  }
  d.dependency_preserving = d.lost.empty();
  if (parts.size() <= 1) {
    d.method = "unchanged";
  } else if (d.lost.empty()) {
    d.method = "BCNF decomposition";
  } else {
    d.method = "3NF synthesis";
    d.steps.push_back(fmt::format("BCNF would lose {} (no table would hold all its columns): 3NF synthesis keeps "
                                  "every trusted dependency instead",
                                  FdText(table, d.lost.front())));
    split_keys.clear();
    std::vector<std::string> synthesis_steps;
    parts = Synthesize(oracle, nf, trusted, n, &synthesis_steps, &split_keys);
    d.steps.insert(d.steps.end(), synthesis_steps.begin(), synthesis_steps.end());
  }

  // Keys and names: the split-off tables are named after their keys (customer_id → customer; reserved words
  // take a plural: order_id → orders), the table holding the original rows keeps the file's name unless a
  // split-off table took it (then <name>_detail: it holds the details of that one).
  const AttributeSet all = AttributeSet::FirstN(n);
  std::set<std::string> used;
  std::vector<bool> is_root;
  for (const AttributeSet& p : parts) {
    DesignedTable t;
    t.attributes = p;
    auto prefer = split_keys.count(p.Members()) ? split_keys[p.Members()] : AttributeSet();
    t.primary_key = BestKey(oracle, KeysOf(oracle, p), prefer);
    bool root = parts.size() == 1 || all.IsSubsetOf(oracle.Closure(p));
    is_root.push_back(root);
    if (!root) {
      AttributeSet naming = t.primary_key.Empty() ? prefer : t.primary_key;
      std::string name;
      for (int a = naming.First(); a >= 0; a = naming.Next(a + 1)) name += (name.empty() ? "" : "_") + Stem(table.columns[a]);
      if (name.empty()) name = SqlName(table.name) + "_part";
      if (QuoteIdent(name) != name) name += "s";
      std::string unique = name;
      for (int i = 2; used.count(unique); ++i) unique = fmt::format("{}_{}", name, i);
      used.insert(unique);
      t.name = unique;
    }
    for (int a = t.primary_key.First(); a >= 0; a = t.primary_key.Next(a + 1)) t.columns.push_back(a);
    for (int a = p.First(); a >= 0; a = p.Next(a + 1))
      if (!t.primary_key.Test(a)) t.columns.push_back(a);
    t.origin = root ? "the original rows, by their key"
               : prefer.Empty() ? "keeps a key of the original rows"
                                : fmt::format("holds {} → {}", ColumnsText(table, prefer), ColumnsText(table, p - prefer));
    d.tables.push_back(std::move(t));
  }
  for (size_t i = 0; i < d.tables.size(); ++i) {
    if (!is_root[i]) continue;
    std::string name = SqlName(table.name);
    if (used.count(name)) name += "_detail";
    std::string unique = name;
    for (int k = 2; used.count(unique); ++k) unique = fmt::format("{}_{}", name, k);
    used.insert(unique);
    d.tables[i].name = unique;
  }
  // Table i references table j when it holds j's primary key and is not j's twin.
  for (size_t i = 0; i < d.tables.size(); ++i)
    for (size_t j = 0; j < d.tables.size(); ++j) {
      const auto& pk = d.tables[j].primary_key;
      if (i == j || pk.Empty() || !pk.IsSubsetOf(d.tables[i].attributes) || pk == d.tables[i].primary_key) continue;
      // Skip when j's key is itself a key of i: a 1:1 link, referenced from the part holding more columns.
      if (d.tables[i].attributes.IsSubsetOf(oracle.Closure(pk)) && d.tables[i].attributes.Count() <= d.tables[j].attributes.Count())
        continue;
      d.tables[i].foreign_keys.push_back({pk.Members(), static_cast<int>(j)});
    }
  // Referenced tables first (a topological order; the FK graph of a decomposition has no cycles).
  std::vector<int> order, state(d.tables.size(), 0);
  std::function<void(int)> visit = [&](int i) {
    if (state[i]) return;
    state[i] = 1;
    for (const auto& fk : d.tables[i].foreign_keys) visit(fk.referenced);
    order.push_back(i);
  };
  for (size_t i = 0; i < d.tables.size(); ++i) visit(static_cast<int>(i));
  std::vector<int> new_index(d.tables.size());
  for (size_t k = 0; k < order.size(); ++k) new_index[order[k]] = static_cast<int>(k);
  std::vector<DesignedTable> sorted;
  for (int i : order) sorted.push_back(d.tables[i]);
  for (auto& t : sorted)
    for (auto& fk : t.foreign_keys) fk.referenced = new_index[fk.referenced];
  d.tables = std::move(sorted);
  return d;
}

}  // namespace dbarch::analyzers::normalize
