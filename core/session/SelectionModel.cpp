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

void SelectionModel::adoptStages(const std::vector<std::string>& stages) {
    if (std::find(stages.begin(), stages.end(), state_.stage) != stages.end())
        return;
    // Open on the frozen LLM block when there is one: that is the stage the hypothesis is about.
    auto llm = std::find(stages.begin(), stages.end(), std::string("llm.block"));
    state_.stage = llm != stages.end() ? *llm : (stages.empty() ? std::string() : stages.back());
    state_.token = -1;
    Q_EMIT stageChanged();
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
    // Rollout and relevance live at one stage each: go there.
    const std::string home = rules_ ? rules_->homeStageOf(kind) : std::string();
    if (!home.empty() && home != state_.stage) {
        state_.stage = home;
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
