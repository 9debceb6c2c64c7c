#pragma once

#include <QOpenGLWidget>

#include <memory>

namespace filterscope {

class Workbench;

// The 3D view of a point-cloud result, drawn by VTK inside Qt 6: points coloured by the selected map
// (scattered from group tokens to points), a scalar bar with real values, group centres as spheres (the
// selected token's in red). Drag rotates, wheel zooms, double-click resets; a click picks a point and
// selects its group's token everywhere and names the point, its group, the group's centre and the value.
// A title names plugin, stage and map; points that no group contains are grey (value NaN), and say so. VTK's
// own Qt widget is built for Qt 5 on Debian, hence this small QOpenGLWidget adapter around
// vtkGenericOpenGLRenderWindow. VTK headers stay in the .cpp.
class PointCloudView : public QOpenGLWidget {
    Q_OBJECT
public:
    explicit PointCloudView(Workbench* session, QWidget* parent = nullptr);
    ~PointCloudView() override;

    void setPointSize(double pixels);
    void resetCamera();
    int pointCount() const;
    // Index of the shown point under a widget position, or −1 (VTK's point picker).
    int pickPoint(const QPoint& pos);
    // The token (1-based grid index is not used: this is the group) a point belongs to, or −1.
    int groupOfPoint(int point) const;
    // "point 812: group 17, centre (0.12, −0.40, 0.33), activation 4.21" (what a click reports).
    QString describePoint(int point) const;
    QString title() const;  // "<plugin> · <stage> · <map>", drawn at the top of the view
    QSize sizeHint() const override { return {640, 560}; }

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void hoverTextChanged(const QString& text);  // the clicked point, as describePoint says

protected:
    void initializeGL() override;
    void paintGL() override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void mouseDoubleClickEvent(QMouseEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;

private:
    struct Impl;
    std::unique_ptr<Impl> d_;
    Workbench* session_;
};

}  // namespace filterscope
