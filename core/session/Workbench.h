#pragma once

#include "session/FaithfulnessRequests.h"
#include "session/SelectionModel.h"
#include "session/ShownMaps.h"
#include "session/WorkbenchDocument.h"
#include "session/WorkbenchScheduler.h"
#include "tasks/BackgroundTasks.h"

#include <QObject>

#include <memory>

namespace filterscope {

// One workbench session, as the window (and the headless export) holds it: the document (plugins, inputs,
// results, errors), the shared selection, what the views show (the two seen together), the scheduler that
// fills the document, and the background tasks every long piece of work runs on. Views take the parts
// they need from here and observe them; they never talk to each other.
class Workbench : public QObject {
    Q_OBJECT
public:
    static constexpr int kSlots = WorkbenchDocument::kSlots;

    explicit Workbench(QObject* parent = nullptr);
    ~Workbench() override;  // cancels the background work and waits for it before the document goes

    WorkbenchDocument& document() { return document_; }
    const WorkbenchDocument& document() const { return document_; }
    SelectionModel& selection() { return selection_; }
    const SelectionModel& selection() const { return selection_; }
    const ShownMaps& maps() const { return maps_; }
    WorkbenchScheduler& scheduler() { return *scheduler_; }
    const WorkbenchScheduler& scheduler() const { return *scheduler_; }
    FaithfulnessRequests& faithfulness() { return *faithfulness_; }
    const FaithfulnessRequests& faithfulness() const { return *faithfulness_; }
    BackgroundTasks& tasks() { return *tasks_; }
    const BackgroundTasks& tasks() const { return *tasks_; }

private:
    WorkbenchDocument document_;
    SelectionModel selection_;
    ShownMaps maps_;
    std::unique_ptr<BackgroundTasks> tasks_;
    std::unique_ptr<WorkbenchScheduler> scheduler_;
    std::unique_ptr<FaithfulnessRequests> faithfulness_;
};

}  // namespace filterscope
