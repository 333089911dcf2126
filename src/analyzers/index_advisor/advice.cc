#include "analyzers/index_advisor.h"

namespace dbarch::analyzers {

std::string_view RecommendationStatusName(RecommendationStatus status) {
  switch (status) {
    case RecommendationStatus::kProposed: return "proposed";
    case RecommendationStatus::kVerified: return "verified";
    case RecommendationStatus::kRejected: return "rejected";
  }
  return "proposed";
}

}  // namespace dbarch::analyzers
