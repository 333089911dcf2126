#include "model/workload.h"

namespace dbarch::model {

double Workload::TotalCalls() const {
  double total = 0;
  for (const auto& q : queries) total += q.calls;
  return total;
}

const Query* Workload::FindByFingerprint(const std::string& fingerprint) const {
  for (const auto& q : queries) {
    if (q.fingerprint == fingerprint) return &q;
  }
  return nullptr;
}

std::string_view StatementKindName(StatementKind kind) {
  switch (kind) {
    case StatementKind::kSelect: return "SELECT";
    case StatementKind::kInsert: return "INSERT";
    case StatementKind::kUpdate: return "UPDATE";
    case StatementKind::kDelete: return "DELETE";
    case StatementKind::kMerge: return "MERGE";
    case StatementKind::kOther: return "OTHER";
  }
  return "OTHER";
}

}  // namespace dbarch::model
