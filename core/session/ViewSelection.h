#pragma once

#include "analysis/MapKind.h"

#include <cstdint>
#include <string>
#include <vector>

namespace filterscope {

// What every view shows, shared by all of them: changing it in one view changes it in all.
// Compare mode's colour range for A and B: one range for both (equal colours, equal values), a range each
// (two stages whose values differ tenfold stay readable), or one range exactly when B shows A's stage.
enum class CompareScale { Automatic, Joint, Own };

struct ViewSelection {
    std::string stage;            // a token stage of the primary plugin
    std::string comparisonStage;  // compare mode: B's stage when chosen apart from A's (empty: follow A)
    MapKind analysis = MapKind::Activation;
    int token = -1;                  // grid token index (row-major over tokenGrid), -1 for none
    std::vector<int64_t> tokenGrid;  // the grid the token was picked on (stages of Swin-like models differ)
    std::string colormap = "viridis";
    bool sharedScale = false;  // one colour range over every stage of a plugin
    CompareScale compareScale = CompareScale::Automatic;
    double opacity = 0.6;  // of the map over the image
    // Attention maps: the head (−1 = mean over heads) and whether the map shows where the query token
    // attends (its row) or which tokens attend to it (its column). The query is the selected token, or
    // the first prefix token (CLS) when none is selected, or the mean over query rows without a CLS.
    int head = -1;
    bool attendedBy = false;
    int query = 0;  // Q-Former query shown by MapKind::Query
    int frame = 0;  // video: the sampled frame shown (its token-time step is frame / tubelet)
};

}  // namespace filterscope
