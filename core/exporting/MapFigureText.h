#pragma once

#include "analysis/MapKind.h"

#include <string>

namespace filterscope {

// How a figure names a map, in English (figures are written for papers): the batch's figures and the
// window's export take their titles and value labels from here, so the same map gets the same figure.
struct MapFigureText {
    std::string what;        // "activation", "token norm"
    std::string valueLabel;  // "‖xᵢ − x̄‖₂ (raw)"
};
// Norm, activation, frequency and spectrum; rollout's value label (`cls`: the model has a CLS token).
// Other kinds depend on the selection (attention's token and head, a query): their callers say them.
MapFigureText mapFigureText(MapKind kind, bool cls);
// "<input> | <stage label> | <what>", as every per-stage map figure is titled.
std::string mapFigureTitle(const std::string& inputName, const std::string& stageLabel,
                           const std::string& what);

// The footer's word on colours.
extern const char* const kMinMaxScaling;  // "colour range: min to max of this map"
extern const char* const kSharedScaling;  // across the stages of one model
extern const char* const kSpectrumValueLabel;

}  // namespace filterscope
