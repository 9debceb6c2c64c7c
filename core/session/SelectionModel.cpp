#include "session/SelectionModel.h"

#include <algorithm>

namespace filterscope {

void SelectionModel::emitAspect(void (SelectionModel::*aspect)()) {
    Q_EMIT(this->*aspect)();
    Q_EMIT changed();
}

void SelectionModel::restore(const ViewSelection& selection) {
    state_ = selection;
    for (auto aspect :
         {&SelectionModel::stageChanged, &SelectionModel::mapKindChanged, &SelectionModel::tokenChanged,
          &SelectionModel::headChanged, &SelectionModel::queryChanged, &SelectionModel::frameChanged,
          &SelectionModel::appearanceChanged})
        Q_EMIT(this->*aspect)();
    Q_EMIT changed();
}

void SelectionModel::adoptPlugin(const std::vector<std::string>& stages,
                                 const std::vector<std::string>& queryStages,
                                 const std::vector<MapKind>& offered) {
    const auto contains = [](const auto& list, const auto& x) {
        return std::find(list.begin(), list.end(), x) != list.end();
    };
    const bool hasStage = contains(stages, state_.stage);
    const std::string fit = rules_ ? rules_->fittingStage(state_.analysis, state_.stage) : state_.stage;
    if (hasStage && contains(offered, state_.analysis) && fit == state_.stage)
        return;  // what was shown exists here: kept whole
    const MapKind before = state_.analysis;
    if (!queryStages.empty() && contains(offered, MapKind::Query)) {
        // A Q-Former's queries are what it is opened for.
        state_.analysis = MapKind::Query;
        state_.stage = queryStages.back();
    } else {
        if (!contains(offered, state_.analysis))
            state_.analysis = contains(offered, MapKind::Activation) || offered.empty() ? MapKind::Activation
                                                                                        : offered.front();
        // Open on the frozen LLM block when there is one: that is the stage the hypothesis is about.
        const std::string start = hasStage                                     ? state_.stage
                                  : contains(stages, std::string("llm.block")) ? std::string("llm.block")
                                  : stages.empty()                             ? std::string()
                                                                               : stages.back();
        const std::string near = rules_ ? rules_->fittingStage(state_.analysis, start) : start;
        state_.stage = near.empty() ? start : near;
    }
    state_.token = -1;
    Q_EMIT stageChanged();
    if (state_.analysis != before)
        Q_EMIT mapKindChanged();
    emitAspect(&SelectionModel::tokenChanged);
}

void SelectionModel::setStage(const std::string& stage) {
    if (stage == state_.stage)
        return;
    state_.stage = stage;
    emitAspect(&SelectionModel::stageChanged);
}

void SelectionModel::setComparisonStage(const std::string& stage) {
    if (stage == state_.comparisonStage)
        return;
    state_.comparisonStage = stage;
    emitAspect(&SelectionModel::stageChanged);
}

void SelectionModel::stepStage(int delta) {
    const std::vector<std::string> stages = rules_ ? rules_->stageOrder() : std::vector<std::string>{};
    if (stages.empty())
        return;
    auto it = std::find(stages.begin(), stages.end(), state_.stage);
    const int i = it == stages.end() ? 0 : static_cast<int>(it - stages.begin());
    setStage(stages[std::clamp(i + delta, 0, static_cast<int>(stages.size()) - 1)]);
}

void SelectionModel::setAnalysis(MapKind kind) {
    if (kind == state_.analysis)
        return;
    state_.analysis = kind;
    // A stage without this map gives way to the nearest that has it; rollout and relevance live at one
    // stage each.
    const std::string fit = rules_ ? rules_->fittingStage(kind, state_.stage) : std::string();
    if (!fit.empty() && fit != state_.stage) {
        state_.stage = fit;
        Q_EMIT stageChanged();
    }
    emitAspect(&SelectionModel::mapKindChanged);
}

void SelectionModel::setToken(int token, const std::vector<int64_t>& pickedOn) {
    std::vector<int64_t> grid = pickedOn;
    if (grid.empty() && rules_)
        grid = rules_->shownTokenGrid();  // the grid the token was picked on
    if (token == state_.token && grid == state_.tokenGrid)
        return;
    state_.token = token;
    state_.tokenGrid = grid;
    emitAspect(&SelectionModel::tokenChanged);
}

void SelectionModel::setHead(int head) {
    if (head == state_.head)
        return;
    state_.head = head;
    emitAspect(&SelectionModel::headChanged);
}

void SelectionModel::setAttendedBy(bool attendedBy) {
    if (attendedBy == state_.attendedBy)
        return;
    state_.attendedBy = attendedBy;
    emitAspect(&SelectionModel::headChanged);
}

void SelectionModel::setQuery(int query) {
    if (query == state_.query)
        return;
    state_.query = query;
    emitAspect(&SelectionModel::queryChanged);
}

void SelectionModel::setFrame(int frame) {
    if (frame == state_.frame)
        return;
    state_.frame = frame;
    emitAspect(&SelectionModel::frameChanged);
}

void SelectionModel::setColormap(const std::string& name) {
    if (name == state_.colormap)
        return;
    state_.colormap = name;
    emitAspect(&SelectionModel::appearanceChanged);
}

void SelectionModel::setSharedScale(bool shared) {
    if (shared == state_.sharedScale)
        return;
    state_.sharedScale = shared;
    emitAspect(&SelectionModel::appearanceChanged);
}

void SelectionModel::setCompareScale(CompareScale scale) {
    if (scale == state_.compareScale)
        return;
    state_.compareScale = scale;
    emitAspect(&SelectionModel::appearanceChanged);
}

void SelectionModel::setOpacity(double opacity) {
    opacity = std::clamp(opacity, 0.0, 1.0);
    if (opacity == state_.opacity)
        return;
    state_.opacity = opacity;
    emitAspect(&SelectionModel::appearanceChanged);
}

void SelectionModel::setHoveredToken(int token) {
    if (token == hoveredToken_)
        return;
    hoveredToken_ = token;
    Q_EMIT hoverChanged(token);
}

}  // namespace filterscope
