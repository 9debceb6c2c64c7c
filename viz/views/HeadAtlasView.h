#pragma once

#include "array/FloatArray.h"

#include <QWidget>

#include <string>
#include <vector>

namespace filterscope {

class Workbench;

// Every head of one attention stage, large (BertViz's head view, as maps over the image grid): hover a
// token on any head and every head shows that token's row (or column, "attended by"), so how the heads
// differ for one token is seen at once. Leaving the grid goes back to the selected token (CLS when none).
// Opened from the Heads dock for a stage; follows the session's colormap, scale and direction.
class HeadAtlasView : public QWidget {
    Q_OBJECT
public:
    HeadAtlasView(Workbench* session, std::string stage, QWidget* parent = nullptr);

    const std::string& stage() const { return stage_; }
    int columns() const;
    QRectF headRect(int head, const QSize& size) const;
    // The query token every head shows now (absolute in the stage's layout: prefix first).
    int shownQuery() const;
    // Head `head`'s map as painted (for tests: the same numbers as the central view's head map).
    FloatArray headMap(int head) const;
    QString caption() const;
    QSize sizeHint() const override { return {900, 700}; }

protected:
    void paintEvent(QPaintEvent*) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void leaveEvent(QEvent*) override;
    void mouseReleaseEvent(QMouseEvent* e) override;

private:
    int heads() const;
    int tokenAt(const QPointF& pos) const;  // grid token under pos, −1 outside every head

    Workbench* session_;
    std::string stage_;
    int hovered_ = -1;  // grid token hovered, −1: none
};

}  // namespace filterscope
