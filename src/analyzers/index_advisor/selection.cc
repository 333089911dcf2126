#include "analyzers/index_advisor/selection.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <queue>
#include <set>

#include "analyzers/index_advisor/candidates.h"
#include "analyzers/schema/catalog_facts.h"

namespace dbarch::analyzers {

namespace {

bool Touches(const AdvisorStatement& statement, const model::QualifiedName& table) {
  return std::find(statement.tables.begin(), statement.tables.end(), table) != statement.tables.end();
}

bool IsWord(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// `column` appears as a whole identifier in `text` (an expression key or an index predicate).
bool MentionsColumn(const std::string& text, const std::string& column) {
  for (size_t at = text.find(column); at != std::string::npos; at = text.find(column, at + 1)) {
    bool left = at == 0 || !IsWord(text[at - 1]);
    bool right = at + column.size() >= text.size() || !IsWord(text[at + column.size()]);
    if (left && right) return true;
  }
  return false;
}

// The index reads the column: as a key, inside an expression key, as an INCLUDE column or in its predicate.
bool IndexReadsColumn(const model::Index& index, const std::string& column) {
  for (const auto& key : index.keys) {
    if (key.column == column || (!key.expression.empty() && MentionsColumn(key.expression, column))) return true;
  }
  if (std::find(index.include_columns.begin(), index.include_columns.end(), column) != index.include_columns.end())
    return true;
  return !index.predicate.empty() && MentionsColumn(index.predicate, column);
}

// The first key of the candidate is something the statement searches, joins, sorts or groups on.
bool CouldUse(const model::Query& query, const IndexCandidate& candidate) {
  const model::IndexKey& first = candidate.index.keys.front();
  const auto& table = candidate.index.table;
  auto matches = [&](const model::ColumnRef& column, const std::string& expression) {
    if (column.table != table) return false;
    if (!first.column.empty()) return column.column == first.column;
    return !expression.empty() ? true : MentionsColumn(first.expression, column.column);
  };
  for (const auto& p : query.predicates)
    if (matches(p.column, p.expression)) return true;
  for (const auto& j : query.joins)
    if (matches(j.left, "") || matches(j.right, "")) return true;
  for (const auto& o : query.order_by)
    if (matches(o.column, o.expression)) return true;
  for (const auto& g : query.group_by)
    if (matches(g, "")) return true;
  return false;
}

// Chosen index `narrow` can be replaced by `wide`: same table, method and predicate, and narrow's keys are a
// left prefix of wide's (or equal with wide adding INCLUDE columns).
bool Widens(const model::Index& wide, const model::Index& narrow) {
  if (wide.table != narrow.table || wide.method != "btree" || narrow.method != "btree" ||
      wide.predicate != narrow.predicate || wide.keys.size() < narrow.keys.size())
    return false;
  for (size_t k = 0; k < narrow.keys.size(); ++k)
    if (!(wide.keys[k] == narrow.keys[k])) return false;
  for (const auto& inc : narrow.include_columns) {
    bool kept = std::find(wide.include_columns.begin(), wide.include_columns.end(), inc) != wide.include_columns.end();
    for (const auto& key : wide.keys) kept = kept || key.column == inc;
    if (!kept) return false;
  }
  return wide.keys.size() > narrow.keys.size() || wide.include_columns.size() > narrow.include_columns.size();
}

class Search {
 public:
  Search(const model::Catalog& catalog, const model::Workload& workload, const std::vector<AdvisorStatement>& statements,
         const std::vector<IndexCandidate>& candidates, IndexCostOracle& oracle, const SelectionOptions& options)
      : catalog_(catalog),
        workload_(workload),
        statements_(statements),
        candidates_(candidates),
        oracle_(oracle),
        options_(options) {}

  SelectionResult Run() {
    const size_t n = statements_.size();
    result_.base_cost.assign(n, 0);
    result_.final_cost.assign(n, 0);
    result_.final_used.assign(n, {});
    result_.plannable.assign(n, false);
    result_.sizes.assign(candidates_.size(), 0);
    result_.write_overhead.assign(candidates_.size(), 0);
    result_.write_notes.assign(candidates_.size(), {});
    Base();
    Atomic();
    if (debug_) Trace(fmt::format("what-if calls after the atomic costs: {}", oracle_.planner_calls()));
    BudgetedGreedy();
    if (debug_) Trace(fmt::format("what-if calls after the greedy: {}", oracle_.planner_calls()));
    ExchangeUnderBudget();
    if (debug_) Trace(fmt::format("what-if calls after the exchanges: {}", oracle_.planner_calls()));
    Prune();
    result_.chosen = chosen_;
    return std::move(result_);
  }

 private:
  using Config = std::vector<size_t>;

  // The chosen candidates on the statement's tables, plus `extra`, minus `without`.
  Config ConfigFor(size_t s, const std::vector<size_t>& chosen, std::optional<size_t> extra = std::nullopt,
                   std::optional<size_t> without = std::nullopt) const {
    Config config;
    for (size_t c : chosen) {
      if (without && c == *without) continue;
      if (Touches(statements_[s], candidates_[c].index.table)) config.push_back(c);
    }
    if (extra) config.push_back(*extra);
    std::sort(config.begin(), config.end());
    return config;
  }

  std::vector<Result<CostAnswer>> Ask(const std::vector<CostQuestion>& questions) {
    asked_ += static_cast<int64_t>(questions.size());
    auto answers = oracle_.Cost(questions);
    if (options_.progress) options_.progress(asked_, asked_ + static_cast<int64_t>(pending_estimate_));
    return answers;
  }

  void Base() {
    std::vector<CostQuestion> questions;
    for (size_t s = 0; s < statements_.size(); ++s) questions.push_back({s, {}});
    auto answers = Ask(questions);
    std::vector<double> rows(statements_.size(), 0);
    for (size_t s = 0; s < answers.size(); ++s) {
      if (!answers[s].ok()) continue;
      result_.plannable[s] = true;
      result_.base_cost[s] = answers[s]->cost;
      rows[s] = answers[s]->rows;
    }
    current_ = result_.base_cost;
    current_used_.assign(statements_.size(), {});
    for (size_t c = 0; c < candidates_.size(); ++c) {
      result_.write_overhead[c] =
          WriteOverhead(catalog_, workload_, statements_, rows, candidates_[c], &result_.write_notes[c]);
    }
  }

  // A B-tree candidate larger than the whole budget can never be picked — not as an addition, not as the
  // replacement of a narrower pick (that frees at most the pick's bytes) — so under a budget its size is
  // asked first (the B-tree size model, no planner call) and its atomic what-if questions are never asked.
  // Only B-trees: a GIN/GiST candidate's size means building it. Such a candidate counts as turned away by the
  // budget, as it would have been in the greedy had it been costed.
  std::vector<bool> FitsTheBudgetAlone() {
    std::vector<bool> fits(candidates_.size(), true);
    if (options_.budget_bytes <= 0) return fits;
    for (size_t c = 0; c < candidates_.size(); ++c) {
      if (candidates_[c].index.method != "btree") continue;
      auto size = oracle_.Size(c);
      if (!size.ok()) continue;
      result_.sizes[c] = std::max<int64_t>(*size, 8192);
      if (result_.sizes[c] <= options_.budget_bytes) continue;
      fits[c] = false;
      budget_turned_away_ = true;
      if (debug_) Trace(fmt::format("over the budget alone c{} ({} bytes) | {}", c, result_.sizes[c],
                                    CandidateDefinition(candidates_[c].index)));
    }
    return fits;
  }

  // Each candidate alone on the statements that could use it. Narrow candidates go first: a wider B-tree (more
  // keys, or INCLUDE columns) is asked about on a statement it was not generated for only when one of its
  // narrower candidates helps that statement — an extra key or a covered column refines an index the plan
  // already uses, it rarely makes a useless one useful, and the wide variants are most of the candidates.
  void Atomic() {
    relevant_.assign(candidates_.size(), {});
    useful_.assign(candidates_.size(), {});
    atomic_gain_.assign(candidates_.size(), 0);
    const std::vector<bool> fits = FitsTheBudgetAlone();
    std::vector<std::vector<size_t>> narrower(candidates_.size());
    std::map<size_t, std::vector<size_t>> by_width;
    for (size_t c = 0; c < candidates_.size(); ++c) {
      for (size_t n = 0; n < candidates_.size(); ++n)
        if (n != c && Widens(candidates_[c].index, candidates_[n].index)) narrower[c].push_back(n);
      by_width[candidates_[c].index.keys.size() + candidates_[c].index.include_columns.size()].push_back(c);
    }
    std::vector<std::pair<size_t, size_t>> pairs;  // (candidate, statement), all levels: for the trace
    std::vector<Result<CostAnswer>> all_answers;
    for (const auto& [width, level] : by_width) {
      std::vector<CostQuestion> questions;
      const size_t first = pairs.size();
      for (size_t c : level) {
        if (!fits[c]) continue;
        for (size_t s = 0; s < statements_.size(); ++s) {
          if (!result_.plannable[s] || !Touches(statements_[s], candidates_[c].index.table)) continue;
          bool generated = std::find(candidates_[c].statements.begin(), candidates_[c].statements.end(), s) !=
                           candidates_[c].statements.end();
          if (!generated) {
            int w = statements_[s].workload_index;
            if (w < 0 || !CouldUse(workload_.queries[static_cast<size_t>(w)], candidates_[c])) continue;
            if (!narrower[c].empty() && std::none_of(narrower[c].begin(), narrower[c].end(), [&](size_t n) {
                  return std::count(useful_[n].begin(), useful_[n].end(), s) > 0;
                }))
              continue;
          }
          questions.push_back({s, {c}});
          pairs.push_back({c, s});
        }
      }
      pending_estimate_ = questions.size();
      auto answers = Ask(questions);
      for (size_t i = 0; i < answers.size(); ++i) {
        auto [c, s] = pairs[first + i];
        relevant_[c].push_back(s);
        if (answers[i].ok()) {
          const CostAnswer& a = *answers[i];
          if (!a.used.empty() && a.cost < result_.base_cost[s] * (1 - 1e-6)) {
            useful_[c].push_back(s);
            atomic_gain_[c] += statements_[s].weight * (result_.base_cost[s] - a.cost);
          }
        }
        all_answers.push_back(std::move(answers[i]));
      }
    }
    pending_estimate_ = 0;
    if (debug_) {
      for (size_t i = 0; i < all_answers.size(); ++i) {
        auto [c, s] = pairs[i];
        const auto& answer = all_answers[i];
        Trace(fmt::format("atomic c{} s{}: base {:.1f} → {} used={} | {}", c, s, result_.base_cost[s],
                   answer.ok() ? fmt::format("{:.1f}", answer->cost) : answer.status().message(),
                   answer.ok() ? answer->used.size() : 0, CandidateDefinition(candidates_[c].index)));
      }
    }
    for (size_t c = 0; c < candidates_.size(); ++c) {
      if (useful_[c].empty()) continue;
      ++result_.useful_candidates;
      if (result_.sizes[c] > 0) continue;  // sized already (FitsTheBudgetAlone)
      auto size = oracle_.Size(c);
      result_.sizes[c] = size.ok() ? std::max<int64_t>(*size, 8192) : 8192;
      if (!size.ok()) result_.notes.push_back(fmt::format("size of candidate {} unknown: {}", c, size.status().message()));
    }
  }

  struct Move {
    double ratio = 0;
    double net = 0;
    double best_statement_gain = 0;  // largest relative cost reduction of one statement
    double best_statement_delta = 0;  // largest cost reduction of one statement per execution
    size_t candidate = 0;
    std::optional<size_t> replaces;  // a chosen candidate it replaces
    int64_t size_delta = 0;
    int round = -1;
    bool operator<(const Move& other) const { return ratio < other.ratio; }
  };

  // The greedy's order: gain per byte, or (second pass under a binding budget) gain alone.
  double Priority(double net, int64_t size_delta) const {
    return by_benefit_ ? net : net / static_cast<double>(std::max<int64_t>(size_delta, 8192));
  }

  // Gain per byte alone can fill a tight budget with small, modest indexes and leave out one large index worth
  // more than all of them (the knapsack trap: TPC-H at 0.1 × data). When the budget turned a candidate away,
  // the greedy runs again ordered by gain alone and the cheaper workload wins — the classic remedy for budgeted
  // greedy selection (Khuller, Moss & Naor 1999). Most answers come from the what-if cache.
  void BudgetedGreedy() {
    const Choice start = Save();
    Greedy();
    if (!budget_turned_away_) return;
    const Choice by_ratio = Save();
    const double ratio_cost = WorkloadCost();
    Restore(start);
    ++round_;
    by_benefit_ = true;
    Greedy();
    by_benefit_ = false;
    const double benefit_cost = WorkloadCost();
    if (debug_) Trace(fmt::format("budgeted greedy: by ratio {:.1f}, by gain {:.1f}", ratio_cost, benefit_cost));
    if (benefit_cost >= ratio_cost) Restore(by_ratio);
    ++round_;
  }

  // The search's state: the picks, their bytes, and each statement's cost and used picks under them.
  struct Choice {
    std::vector<size_t> chosen;
    int64_t used_bytes = 0;
    std::vector<double> cost;
    std::vector<std::vector<size_t>> used;
  };
  Choice Save() const { return {chosen_, used_bytes_, current_, current_used_}; }
  void Restore(const Choice& choice) {
    chosen_ = choice.chosen;
    used_bytes_ = choice.used_bytes;
    current_ = choice.cost;
    current_used_ = choice.used;
  }

  // Per statement whose plan uses pick `r` (per `used`): its cost with every other pick but not `r` (the base
  // cost when that cannot be planned).
  std::map<size_t, double> CostsWithout(size_t r, const std::vector<std::vector<size_t>>& used) {
    std::vector<CostQuestion> questions;
    std::vector<size_t> users;
    for (size_t s = 0; s < statements_.size(); ++s) {
      if (std::count(used[s].begin(), used[s].end(), r)) {
        questions.push_back({s, ConfigFor(s, chosen_, std::nullopt, r)});
        users.push_back(s);
      }
    }
    auto answers = Ask(questions);
    std::map<size_t, double> out;
    for (size_t i = 0; i < users.size(); ++i)
      out[users[i]] = answers[i].ok() ? answers[i]->cost : result_.base_cost[users[i]];
    return out;
  }

  // What removing pick r changes for the statements on its table whose final plans do not use it. Usually
  // nothing; but an index can make the planner settle on a dearer plan that does not use it (TPC-H SF 1 Q19:
  // with a hypothetical part (p_container, p_brand) the part scan becomes a parallel scan of the primary key,
  // 32 877 → 36 084), and that is a loss its users' gains must cover. Negative when removal makes them cheaper.
  double BystanderLoss(size_t r) {
    std::vector<CostQuestion> questions;
    std::vector<size_t> bystanders;
    for (size_t s = 0; s < statements_.size(); ++s) {
      if (!result_.plannable[s] || !Touches(statements_[s], candidates_[r].index.table)) continue;
      if (std::count(result_.final_used[s].begin(), result_.final_used[s].end(), r)) continue;
      questions.push_back({s, ConfigFor(s, chosen_, std::nullopt, r)});
      bystanders.push_back(s);
    }
    auto answers = Ask(questions);
    double loss = 0;
    for (size_t i = 0; i < bystanders.size(); ++i) {
      if (answers[i].ok())
        loss += statements_[bystanders[i]].weight * (answers[i]->cost - result_.final_cost[bystanders[i]]);
    }
    return loss;
  }

  // A greedy under a binding budget commits to early picks that a better use of the same bytes cannot undo
  // (TPC-H at 0.1 × data: a two-column index helps one query a little more than its one-column prefix, and the
  // bytes the prefix would save buy an index another query needs). Local search in the spirit of the exchange
  // phase of budgeted-coverage heuristics: one or two picks out, one candidate (or none) in, then the greedy
  // spends whatever bytes are left; kept when the workload is cheaper. Exchanges are tried in the order of an
  // estimate — the newcomer's gain added to the current choice, minus the picks' marginal gains, plus the best
  // single candidate that fits the bytes left (the fill). In that order up to kTradesCosted trades are costed,
  // each with its fill, on the statements they touch; the cheapest is made when it wins, for a few rounds while
  // the phase's share of what-if calls lasts; then the greedy spends whatever bytes are left. A trade costs tens
  // of calls.
  void ExchangeUnderBudget() {
    if (options_.budget_bytes <= 0 || !budget_turned_away_) return;
    constexpr size_t kSubstitutesCosted = 4;  // per pick: the swaps costed exactly, by the newcomer's atomic gain
    constexpr size_t kTradesCosted = 12;      // per round: trades (each with its fill) costed as a whole
    constexpr int kRounds = 2;
    struct Exchange {
      double estimate;
      std::vector<size_t> out;  // picks (candidate positions)
      std::optional<size_t> in;
      std::optional<size_t> fill;  // the newcomer the estimate counts on to spend the bytes left
    };
    std::vector<size_t> traded_out;
    // Local search is open-ended, so it gets a share of the what-if calls: another round starts only when the
    // previous one's calls, spent again, stay within half of what the atomic phase and the greedy took.
    const long long calls_at_start = oracle_.planner_calls();
    const long long call_budget = calls_at_start / 2;
    long long round_started = calls_at_start;
    for (int exchange_round = 0; exchange_round < kRounds && !chosen_.empty(); ++exchange_round) {
      if (exchange_round > 0) {
        const long long spent = oracle_.planner_calls() - calls_at_start;
        const long long last_round = oracle_.planner_calls() - round_started;
        if (spent + last_round > call_budget) {
          if (debug_) Trace(fmt::format("exchange rounds stop: {} what-if calls spent, the last round took {}, "
                                        "the phase's share is {}", spent, last_round, call_budget));
          break;
        }
        round_started = oracle_.planner_calls();
      }
      const double before_cost = WorkloadCost();
      const Choice before = Save();
      const std::vector<double> marginal = MarginalGains();
      // Candidates too small to pay for an exchange on their own are left out (and not costed).
      const double worth = options_.min_workload_gain * before_cost;
      // …and so are candidates larger than the most bytes an exchange can free (the two largest picks out):
      // no trade could take them in, nor could the refill.
      std::vector<int64_t> pick_sizes;
      for (size_t r : chosen_) pick_sizes.push_back(result_.sizes[r]);
      std::sort(pick_sizes.rbegin(), pick_sizes.rend());
      int64_t most_freed = options_.budget_bytes - used_bytes_;
      for (size_t k = 0; k < std::min<size_t>(2, pick_sizes.size()); ++k) most_freed += pick_sizes[k];
      std::vector<size_t> newcomers;
      for (size_t c = 0; c < candidates_.size(); ++c)
        if (!useful_[c].empty() && !std::count(chosen_.begin(), chosen_.end(), c) && atomic_gain_[c] >= worth &&
            result_.sizes[c] <= most_freed)
          newcomers.push_back(c);
      std::sort(newcomers.begin(), newcomers.end(), [&](size_t a, size_t b) { return atomic_gain_[a] > atomic_gain_[b]; });
      if (debug_) {
        std::string picks, sized;
        for (size_t r : chosen_) picks += fmt::format(" c{} ({} bytes)", r, result_.sizes[r]);
        for (size_t c : newcomers) sized += fmt::format(" c{} ({} bytes)", c, result_.sizes[c]);
        Trace(fmt::format("exchange round {}: budget {} bytes, used {}; picks{}; newcomers{}; what-if calls before "
                          "their gains {}",
                          exchange_round, options_.budget_bytes, used_bytes_, picks, sized, oracle_.planner_calls()));
      }
      const std::vector<double> gain_now = GainsAsAdditions(newcomers);
      if (debug_) Trace(fmt::format("what-if calls after the newcomers' gains: {}", oracle_.planner_calls()));
      std::vector<std::vector<size_t>> outs;  // positions in chosen_
      for (size_t a = 0; a < chosen_.size(); ++a) {
        outs.push_back({a});
        for (size_t b = a + 1; b < chosen_.size(); ++b) outs.push_back({a, b});
      }
      std::vector<Exchange> exchanges;
      for (const auto& out : outs) {
        int64_t freed = options_.budget_bytes - used_bytes_;
        double lost = 0;
        std::vector<size_t> picks;
        for (size_t k : out) {
          freed += result_.sizes[chosen_[k]];
          lost += marginal[k];
          picks.push_back(chosen_[k]);
        }
        auto fill_within = [&](int64_t left, std::optional<size_t> skip) {
          std::pair<double, std::optional<size_t>> fill{0, std::nullopt};
          for (size_t d : newcomers)
            if (d != skip && result_.sizes[d] <= left && gain_now[d] > fill.first) fill = {gain_now[d], d};
          return fill;
        };
        const std::set<size_t> users = CurrentUsers(picks);  // their plans use the picks going out
        size_t substitutes_costed = 0;
        auto consider = [&](std::optional<size_t> c) {
          const int64_t left = freed - (c ? result_.sizes[*c] : 0);
          if (left < 0) return;
          double traded = (c ? gain_now[*c] : 0) - lost;
          // A newcomer that serves the same statements as the pick it replaces (a substitute: another column
          // order, a prefix) gains next to nothing *with* that pick, so the swap itself is costed.
          if (c && picks.size() == 1 && substitutes_costed < kSubstitutesCosted &&
              std::any_of(useful_[*c].begin(), useful_[*c].end(), [&](size_t s) { return users.count(s) > 0; })) {
            ++substitutes_costed;
            std::vector<size_t> swapped = chosen_;
            std::replace(swapped.begin(), swapped.end(), picks.front(), *c);
            std::set<size_t> affected(users);
            affected.insert(useful_[*c].begin(), useful_[*c].end());
            std::vector<CostQuestion> questions;
            for (size_t s : affected) questions.push_back({s, ConfigFor(s, swapped)});
            auto answers = Ask(questions);
            traded = result_.write_overhead[picks.front()] - result_.write_overhead[*c];
            size_t i = 0;
            for (size_t s : affected) {
              const auto& a = answers[i++];
              traded += statements_[s].weight * (current_[s] - (a.ok() ? a->cost : result_.base_cost[s]));
            }
          }
          const auto [fill_gain, fill] = fill_within(left, c);
          const double estimate = traded + fill_gain;
          if (debug_ && (estimate > worth || (c && picks.size() == 1 && gain_now[*c] > lost)))
            Trace(fmt::format("exchange estimate {} ({} bytes) for {} ({} bytes): traded {:.1f} + fill {:.1f} "
                              "(left {})",
                              fmt::join(picks, ","), freed, c ? fmt::format("c{}", *c) : "nothing",
                              c ? result_.sizes[*c] : 0, traded, estimate - traded, left));
          if (estimate > worth) exchanges.push_back({estimate, picks, c, fill});
        };
        consider(std::nullopt);
        for (size_t c : newcomers) consider(c);
      }
      if (debug_) Trace(fmt::format("what-if calls after the estimates: {}", oracle_.planner_calls()));
      std::sort(exchanges.begin(), exchanges.end(),
                [](const Exchange& a, const Exchange& b) { return a.estimate > b.estimate; });
      // The estimate adds gains measured one at a time: two picks out together can lose far more than their
      // marginal gains (the two sides of a join), a newcomer or the fill can gain less once the picks are out.
      // So the best-estimated trades, each with its fill, are costed on the statements they touch, and the
      // cheapest one is made when it wins.
      std::optional<std::vector<size_t>> best;
      std::optional<Exchange> best_exchange;
      double best_cost = before_cost * (1 - options_.min_workload_gain);
      std::set<std::vector<size_t>> tried;  // the same trade comes with newcomer and fill either way round
      for (const Exchange& exchange : exchanges) {
        if (tried.size() == kTradesCosted) break;
        std::vector<size_t> traded = chosen_;
        std::set<size_t> affected = CurrentUsers(exchange.out);
        for (size_t r : exchange.out) traded.erase(std::find(traded.begin(), traded.end(), r));
        for (const auto& added : {exchange.in, exchange.fill}) {
          if (!added) continue;
          traded.push_back(*added);
          affected.insert(useful_[*added].begin(), useful_[*added].end());
        }
        std::sort(traded.begin(), traded.end());
        if (HoldsRedundantPair(traded) || !tried.insert(traded).second) continue;
        const double trade_cost = CostWith(traded, affected);
        if (debug_)
          Trace(fmt::format("exchange {} for {} and fill {} (estimate {:.1f}): {:.1f} → {:.1f}",
                            fmt::join(exchange.out, ","), exchange.in ? fmt::format("c{}", *exchange.in) : "nothing",
                            exchange.fill ? fmt::format("c{}", *exchange.fill) : "nothing", exchange.estimate,
                            before_cost, trade_cost));
        if (trade_cost < best_cost) {
          best_cost = trade_cost;
          best = traded;
          best_exchange = exchange;
        }
      }
      if (!best) break;
      // Made: the picks' order is kept (the report lists them in pick order), the newcomers go last.
      std::set<model::QualifiedName> tables;
      std::vector<size_t> kept;
      for (size_t r : chosen_) {
        if (std::count(best->begin(), best->end(), r)) kept.push_back(r);
        else tables.insert(candidates_[r].index.table);
      }
      for (size_t c : *best) {
        if (std::count(chosen_.begin(), chosen_.end(), c)) continue;
        kept.push_back(c);
        tables.insert(candidates_[c].index.table);
      }
      chosen_ = kept;
      used_bytes_ = 0;
      for (size_t c : chosen_) used_bytes_ += result_.sizes[c];
      for (const auto& table : tables) Refresh(table);
      // Statements outside the trade's reach may plan differently too: the trade stands only if the whole
      // workload is still cheaper.
      if (WorkloadCost() >= before_cost * (1 - options_.min_workload_gain)) {
        Restore(before);
        break;
      }
      traded_out.insert(traded_out.end(), best_exchange->out.begin(), best_exchange->out.end());
      std::string removed, added;
      for (size_t r : before.chosen)
        if (!std::count(chosen_.begin(), chosen_.end(), r))
          removed += (removed.empty() ? "" : ", ") + CandidateDefinition(candidates_[r].index);
      for (size_t c : chosen_)
        if (!std::count(before.chosen.begin(), before.chosen.end(), c))
          added += (added.empty() ? "" : ", ") + CandidateDefinition(candidates_[c].index);
      result_.notes.push_back(fmt::format("{} picked first, then exchanged for {}: the same budget buys more with "
                                          "the latter",
                                          removed, added.empty() ? "nothing" : added));
    }
    if (traded_out.empty()) return;
    // Whatever bytes the trades left are spent by the greedy, which must not take back what was traded out.
    ++round_;
    excluded_ = traded_out;
    Greedy();
    excluded_.clear();
    ++round_;
  }

  // Per candidate in `newcomers`: its net gain added to the current choice. Not the atomic gain: indexes can help
  // each other (a join's inner index pays off only once the outer side is indexed too), and a lazy greedy never
  // re-costs a candidate whose stale priority keeps it low.
  std::vector<double> GainsAsAdditions(const std::vector<size_t>& newcomers) {
    std::vector<double> out(candidates_.size(), 0);
    std::vector<CostQuestion> questions;
    std::vector<std::pair<size_t, size_t>> asked;  // (candidate, statement)
    for (size_t c : newcomers) {
      out[c] = -result_.write_overhead[c];
      for (size_t s : useful_[c]) {
        questions.push_back({s, ConfigFor(s, chosen_, c)});
        asked.push_back({c, s});
      }
    }
    auto answers = Ask(questions);
    for (size_t i = 0; i < answers.size(); ++i) {
      const auto [c, s] = asked[i];
      if (answers[i].ok()) out[c] += statements_[s].weight * std::max(0.0, current_[s] - answers[i]->cost);
    }
    return out;
  }

  // Per pick (in chosen_ order): what the workload loses without it, its write overhead saved.
  std::vector<double> MarginalGains() {
    std::vector<double> out;
    for (size_t r : chosen_) {
      double loss = -result_.write_overhead[r];
      for (const auto& [s, without] : CostsWithout(r, current_used_)) loss += statements_[s].weight * (without - current_[s]);
      out.push_back(loss);
    }
    return out;
  }

  // The statements whose current plans use any of `picks`.
  std::set<size_t> CurrentUsers(const std::vector<size_t>& picks) const {
    std::set<size_t> users;
    for (size_t s = 0; s < statements_.size(); ++s)
      for (size_t r : picks)
        if (std::count(current_used_[s].begin(), current_used_[s].end(), r)) users.insert(s);
    return users;
  }

  // Some index of `picks` widens another (see Evaluate).
  bool HoldsRedundantPair(const std::vector<size_t>& picks) const {
    for (size_t a : picks)
      for (size_t b : picks)
        if (a != b && Widens(candidates_[a].index, candidates_[b].index)) return true;
    return false;
  }

  // The workload's cost (as WorkloadCost) with `picks` instead of the current choice, when only the `affected`
  // statements can cost differently.
  double CostWith(const std::vector<size_t>& picks, const std::set<size_t>& affected) {
    std::vector<CostQuestion> questions;
    for (size_t s : affected) questions.push_back({s, ConfigFor(s, picks)});
    auto answers = Ask(questions);
    double total = WorkloadCost();
    size_t i = 0;
    for (size_t s : affected) {
      const auto& a = answers[i++];
      total += statements_[s].weight * ((a.ok() ? a->cost : result_.base_cost[s]) - current_[s]);
    }
    for (size_t c : chosen_) total -= result_.write_overhead[c];
    for (size_t c : picks) total += result_.write_overhead[c];
    return total;
  }

  // Weighted cost of the workload under the current choice, write overhead of the picks included.
  double WorkloadCost() const {
    double total = 0;
    for (size_t s = 0; s < statements_.size(); ++s) total += statements_[s].weight * current_[s];
    for (size_t c : chosen_) total += result_.write_overhead[c];
    return total;
  }

  // The move `c` makes against the current choice: added, or replacing a chosen index it widens.
  Move Evaluate(size_t c) {
    Move best;
    best.candidate = c;
    best.round = round_;
    best.ratio = -1e300;
    // An index next to one that widens it (its keys first, then more keys or INCLUDE columns) is redundant: the
    // wider one serves every plan the narrower one does, a little larger. So a candidate a pick widens is no
    // move at all, and a candidate that widens a pick can only replace it.
    for (size_t r : chosen_)
      if (Widens(candidates_[r].index, candidates_[c].index)) return best;
    std::vector<std::optional<size_t>> variants;
    for (size_t r : chosen_)
      if (Widens(candidates_[c].index, candidates_[r].index)) variants.push_back(r);
    if (variants.empty()) variants.push_back(std::nullopt);
    for (const auto& replaces : variants) {
      std::set<size_t> affected(useful_[c].begin(), useful_[c].end());
      if (replaces) {
        const std::set<size_t> users = CurrentUsers({*replaces});
        affected.insert(users.begin(), users.end());
      }
      std::vector<CostQuestion> questions;
      for (size_t s : affected) questions.push_back({s, ConfigFor(s, chosen_, c, replaces)});
      auto answers = Ask(questions);
      Move move;
      move.candidate = c;
      move.round = round_;
      move.replaces = replaces;
      double gain = 0;
      size_t i = 0;
      for (size_t s : affected) {
        const auto& a = answers[i++];
        if (!a.ok()) continue;
        double delta = current_[s] - a->cost;
        gain += statements_[s].weight * delta;
        if (current_[s] > 0) move.best_statement_gain = std::max(move.best_statement_gain, delta / current_[s]);
        move.best_statement_delta = std::max(move.best_statement_delta, delta);
      }
      double write = result_.write_overhead[c] - (replaces ? result_.write_overhead[*replaces] : 0);
      move.net = gain - write;
      move.size_delta = result_.sizes[c] - (replaces ? result_.sizes[*replaces] : 0);
      move.ratio = Priority(move.net, move.size_delta);
      if (move.ratio > best.ratio) best = move;
    }
    return best;
  }

  void Trace(const std::string& line) const {
    if (options_.trace) options_.trace(line);
  }

  bool WorthIt(const Move& move) const {
    if (move.net <= 0 || move.best_statement_delta < options_.min_cost_reduction) return false;
    // Relative to the workload's cost *now*: once the dominant statements are fixed, the rest still count.
    double current_total = 0;
    for (size_t s = 0; s < statements_.size(); ++s) current_total += statements_[s].weight * current_[s];
    return move.net >= options_.min_workload_gain * current_total ||
           move.best_statement_gain >= options_.min_statement_gain;
  }

  void Refresh(const model::QualifiedName& table) {
    std::vector<CostQuestion> questions;
    std::vector<size_t> affected;
    for (size_t s = 0; s < statements_.size(); ++s) {
      if (!result_.plannable[s] || !Touches(statements_[s], table)) continue;
      questions.push_back({s, ConfigFor(s, chosen_)});
      affected.push_back(s);
    }
    auto answers = Ask(questions);
    for (size_t i = 0; i < affected.size(); ++i) {
      if (!answers[i].ok()) continue;
      current_[affected[i]] = answers[i]->cost;
      current_used_[affected[i]] = answers[i]->used;
    }
  }

  void Greedy() {
    std::priority_queue<Move> queue;
    for (size_t c = 0; c < candidates_.size(); ++c) {
      if (useful_[c].empty() || std::count(excluded_.begin(), excluded_.end(), c) ||
          std::count(chosen_.begin(), chosen_.end(), c))
        continue;
      Move move;
      move.candidate = c;
      move.net = atomic_gain_[c] - result_.write_overhead[c];
      move.size_delta = result_.sizes[c];
      move.ratio = Priority(move.net, move.size_delta);
      move.round = -1;  // an upper bound only: costed alone, not against the empty choice's neighbours
      queue.push(move);
    }
    std::set<size_t> retired;  // chosen, replaced or rejected
    while (!queue.empty()) {
      Move top = queue.top();
      queue.pop();
      if (retired.count(top.candidate)) continue;
      if (top.round != round_) {
        // Costing a candidate that cannot fit would only spend what-if calls: it fits neither as an addition
        // nor as the replacement of a narrower pick.
        if (options_.budget_bytes > 0 && used_bytes_ + result_.sizes[top.candidate] > options_.budget_bytes &&
            std::none_of(chosen_.begin(), chosen_.end(), [&](size_t r) {
              return Widens(candidates_[top.candidate].index, candidates_[r].index);
            })) {
          budget_turned_away_ = budget_turned_away_ || top.net > 0;
          retired.insert(top.candidate);
          continue;
        }
        Move fresh = Evaluate(top.candidate);
        if (debug_)
          Trace(fmt::format("eval c{} round {}: net {:.1f} ratio {:.4g} replaces {} | {}", top.candidate, round_,
                     fresh.net, fresh.ratio, fresh.replaces ? static_cast<long>(*fresh.replaces) : -1L,
                     CandidateDefinition(candidates_[top.candidate].index)));
        if (fresh.net > 0) queue.push(fresh);
        else retired.insert(top.candidate);
        continue;
      }
      if (top.ratio <= 0) break;
      if (!WorthIt(top)) {
        retired.insert(top.candidate);
        continue;
      }
      bool over_budget = options_.budget_bytes > 0 && used_bytes_ + top.size_delta > options_.budget_bytes;
      bool over_count = options_.max_indexes > 0 && !top.replaces &&
                        static_cast<int>(chosen_.size()) >= options_.max_indexes;
      if (over_budget || over_count) {
        // It may fit later as a replacement of a narrower pick; for now it does not.
        budget_turned_away_ = budget_turned_away_ || over_budget;
        retired.insert(top.candidate);
        continue;
      }
      if (debug_) Trace(fmt::format("accept c{}", top.candidate));
      if (top.replaces) {
        chosen_.erase(std::find(chosen_.begin(), chosen_.end(), *top.replaces));
        retired.insert(*top.replaces);
      }
      chosen_.push_back(top.candidate);
      retired.insert(top.candidate);
      used_bytes_ += top.size_delta;
      ++round_;
      Refresh(candidates_[top.candidate].index.table);
      // Candidates that could widen the new pick are worth a fresh look even if they were retired as additions.
      for (size_t c = 0; c < candidates_.size(); ++c) {
        if (useful_[c].empty() || std::count(chosen_.begin(), chosen_.end(), c) ||
            std::count(excluded_.begin(), excluded_.end(), c))
          continue;
        if (retired.count(c) && Widens(candidates_[c].index, candidates_[top.candidate].index)) {
          retired.erase(c);
          Move again;
          again.candidate = c;
          again.round = -1;
          again.ratio = Priority(atomic_gain_[c], result_.sizes[c]);
          queue.push(again);
        }
      }
    }
  }

  // Final costs with the whole choice; removes picks no final plan uses or whose marginal gain no longer pays.
  void Prune() {
    for (bool changed = true; changed;) {
      changed = false;
      Finalize();
      std::vector<std::pair<double, size_t>> by_gain;
      result_.cost_without.assign(chosen_.size(), {});
      for (size_t k = 0; k < chosen_.size(); ++k) {
        const size_t r = chosen_[k];
        result_.cost_without[k] = CostsWithout(r, result_.final_used);
        double loss = 0, best_statement = 0, best_delta = 0;
        for (const auto& [s, without] : result_.cost_without[k]) {
          loss += statements_[s].weight * (without - result_.final_cost[s]);
          if (without > 0) best_statement = std::max(best_statement, (without - result_.final_cost[s]) / without);
          best_delta = std::max(best_delta, without - result_.final_cost[s]);
        }
        const double bystanders = BystanderLoss(r);
        loss += bystanders;
        Move marginal;
        marginal.net = loss - result_.write_overhead[r];
        // A pick that makes other statements dearer is a trade between statements: it has to pay off for the
        // workload as a whole, however much it saves its own users.
        marginal.best_statement_gain = bystanders < 0 ? 0 : best_statement;
        marginal.best_statement_delta = best_delta;
        if (debug_)
          Trace(fmt::format("prune check c{}: {} users, loss {:.1f} ({:.1f} on statements not using it), write {:.1f}",
                            r, result_.cost_without[k].size(), loss, bystanders, result_.write_overhead[r]));
        if (result_.cost_without[k].empty() || !WorthIt(marginal)) by_gain.push_back({marginal.net, k});
      }
      if (!by_gain.empty()) {
        // Remove the least useful one and look again: removing one can make another necessary.
        std::sort(by_gain.begin(), by_gain.end());
        size_t k = by_gain.front().second;
        result_.notes.push_back(fmt::format("{} was picked, then dropped: with the later picks it no longer pays for "
                                            "itself",
                                            CandidateDefinition(candidates_[chosen_[k]].index)));
        chosen_.erase(chosen_.begin() + static_cast<std::ptrdiff_t>(k));
        changed = true;
      }
    }
  }

  void Finalize() {
    std::vector<CostQuestion> questions;
    std::vector<size_t> affected;
    for (size_t s = 0; s < statements_.size(); ++s) {
      result_.final_cost[s] = result_.base_cost[s];
      result_.final_used[s].clear();
      if (!result_.plannable[s]) continue;
      Config config = ConfigFor(s, chosen_);
      if (config.empty()) continue;
      questions.push_back({s, config});
      affected.push_back(s);
    }
    auto answers = Ask(questions);
    for (size_t i = 0; i < affected.size(); ++i) {
      if (!answers[i].ok()) {
        if (debug_) Trace(fmt::format("final s{} failed: {}", affected[i], answers[i].status().message()));
        continue;
      }
      result_.final_cost[affected[i]] = answers[i]->cost;
      result_.final_used[affected[i]] = answers[i]->used;
    }
  }

  const model::Catalog& catalog_;
  const model::Workload& workload_;
  const std::vector<AdvisorStatement>& statements_;
  const std::vector<IndexCandidate>& candidates_;
  IndexCostOracle& oracle_;
  SelectionOptions options_;
  SelectionResult result_;
  std::vector<double> current_;
  std::vector<std::vector<size_t>> current_used_;
  std::vector<std::vector<size_t>> relevant_, useful_;
  std::vector<double> atomic_gain_;
  std::vector<size_t> chosen_;
  int64_t used_bytes_ = 0;
  int round_ = 0;
  bool by_benefit_ = false;          // Greedy's order (see BudgetedGreedy)
  bool budget_turned_away_ = false;  // the budget rejected a candidate that was worth it
  std::vector<size_t> excluded_;     // picks an exchange took out: its refill must not take them again
  int64_t asked_ = 0;
  size_t pending_estimate_ = 0;
  bool debug_ = static_cast<bool>(options_.trace);
};

}  // namespace

double WriteOverhead(const model::Catalog& catalog, const model::Workload& workload,
                     const std::vector<AdvisorStatement>& statements, const std::vector<double>& affected_rows,
                     const IndexCandidate& candidate, std::vector<std::string>* notes) {
  const model::Index& index = candidate.index;
  const auto existing = schema::EffectiveIndexes(catalog, index.table);
  double total = 0;
  for (size_t s = 0; s < statements.size(); ++s) {
    const AdvisorStatement& statement = statements[s];
    if (statement.workload_index < 0) continue;
    const model::Query& query = workload.queries[static_cast<size_t>(statement.workload_index)];
    if (!query.target || *query.target != index.table) continue;
    const double rows = std::max(1.0, s < affected_rows.size() ? affected_rows[s] : 1.0);
    const std::string label = StatementLabel(query);
    if (query.kind == model::StatementKind::kInsert || query.kind == model::StatementKind::kMerge) {
      double cost = statement.weight * rows * kIndexEntryWriteCost;
      total += cost;
      notes->push_back(fmt::format("{} ({} × {:.0f} rows): one more index entry per inserted row", label,
                                   statement.weight, rows));
    } else if (query.kind == model::StatementKind::kUpdate) {
      std::vector<std::string> changed;
      for (const auto& column : query.set_columns) {
        if (column.table == index.table && IndexReadsColumn(index, column.column)) changed.push_back(column.column);
      }
      if (changed.empty()) continue;
      std::string changed_text;
      for (const auto& c : changed) changed_text += (changed_text.empty() ? "" : ", ") + c;
      double cost = statement.weight * rows * kIndexEntryWriteCost;
      // If no index read the changed columns before, those UPDATEs were HOT (heap-only: no index entries at
      // all); now every index on the table gets a new entry per updated row.
      bool was_hot = std::none_of(existing.begin(), existing.end(), [&](const model::Index& e) {
        return std::any_of(changed.begin(), changed.end(), [&](const std::string& c) { return IndexReadsColumn(e, c); });
      });
      if (was_hot) {
        cost += statement.weight * rows * kIndexEntryWriteCost * static_cast<double>(existing.size());
        notes->push_back(fmt::format("{} changes {}: its updates were HOT and no longer can be — every update now "
                                     "writes an entry into all {} indexes of the table",
                                     label, changed_text, existing.size() + 1));
      } else {
        notes->push_back(fmt::format("{} changes {}: one more index entry per updated row", label, changed_text));
      }
      total += cost;
    }
  }
  return total;
}

SelectionResult SelectIndexes(const model::Catalog& catalog, const model::Workload& workload,
                              const std::vector<AdvisorStatement>& statements,
                              const std::vector<IndexCandidate>& candidates, IndexCostOracle& oracle,
                              const SelectionOptions& options) {
  return Search(catalog, workload, statements, candidates, oracle, options).Run();
}

}  // namespace dbarch::analyzers
