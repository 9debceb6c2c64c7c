#pragma once

#include "array/FloatArray.h"

#include <QStringList>
#include <QWidget>

#include <memory>

namespace filterscope {

class Workbench;
struct InputResult;

// Linear CKA between the token stages of plugin A on the current input (Kornblith et al. 2019), stages ×
// stages; in compare mode A's stages (rows) against B's (columns). Hover reads a pair and its value.
class CkaHeatmapView : public QWidget {
    Q_OBJECT
public:
    explicit CkaHeatmapView(Workbench* session, QWidget* parent = nullptr);
    const FloatArray& matrix() const { return matrix_; }
    QStringList rowStages() const { return rows_; }
    QStringList columnStages() const { return columns_; }
    QString message() const { return message_; }
    QSize sizeHint() const override { return {380, 340}; }

public Q_SLOTS:
    void refresh();

protected:
    void paintEvent(QPaintEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;

private:
    QRect cellArea() const;
    Workbench* session_;
    FloatArray matrix_;
    FloatArray cross_;  // A × B of the results below
    std::weak_ptr<const InputResult> crossA_, crossB_;
    QStringList rows_, columns_;  // display labels
    QString title_, message_;
};

}  // namespace filterscope
