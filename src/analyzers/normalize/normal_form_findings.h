// The normal-form judgement of sampled or CSV tables as findings for the report's section 1
// (`schema/normal-form-violation`): one per table below BCNF, with the violating dependencies and their
// support as evidence and the proposed decomposition as the explanation.
#pragma once

#include "analyzers/normalize.h"
#include "dbarch/finding.h"

namespace dbarch::analyzers::normalize {

Findings NormalFormFindings(const NormalizeResult& result);

}  // namespace dbarch::analyzers::normalize
