#pragma once

#include <QWidget>

namespace filterscope {

class Workbench;

// Every sampled frame of a video result with the selected map's token-time slice over it (one colour
// range for the clip), the current frame outlined. Clicking a frame makes it current.
class FilmstripView : public QWidget {
    Q_OBJECT
public:
    explicit FilmstripView(Workbench* session, QWidget* parent = nullptr);
    QRectF cellRect(int frame, const QSize& size) const;
    QSize sizeHint() const override { return {900, 120}; }
    QSize minimumSizeHint() const override { return {200, 70}; }

protected:
    void paintEvent(QPaintEvent*) override;
    void mouseReleaseEvent(QMouseEvent* e) override;

private:
    Workbench* session_;
};

}  // namespace filterscope
