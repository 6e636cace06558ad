package io.github.otpverification.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * {@code docs/benchmark-chart.png}, drawn with Java2D: p50/p95/p99 bars of the logins and of the
 * REST calls, Keycloak CPU per operation, and send+verify throughput by clients and realm size.
 */
final class Chart {

    private static final int WIDTH = 1400;
    private static final int HEIGHT = 1000;
    private static final Color[] PERCENTILE_COLORS = {new Color(0x4C78A8), new Color(0xF58518), new Color(0xE45756)};
    private static final Color[] LINE_COLORS = {new Color(0x4C78A8), new Color(0x54A24B)};
    private static final Color GRID = new Color(0xDDDDDD);
    private static final Color TEXT = new Color(0x222222);

    /** One group of bars: a label and one value per series. */
    private record Group(String label, double... values) {
    }

    private final BenchResults r;

    Chart(BenchResults results) {
        this.r = results;
    }

    void write(Path file) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        g.drawString(String.format(Locale.ROOT, "Keycloak %s + OTP verification extension, %d cores (%s)%s",
                r.keycloakVersion, r.cores, r.cpuModel, r.command.contains("quick") ? "  [quick mode]" : ""), 30, 36);

        int w = WIDTH / 2;
        int h = (HEIGHT - 50) / 2;
        bars(g, 0, 50, w, h, "Login latency (ms), authorization-code flow", new String[] {"p50", "p95", "p99"}, PERCENTILE_COLORS,
                false, List.of(percentiles("password only", r.passwordLogin.step(PhaseResult.OP)),
                        percentiles("password + Email OTP", r.otpLogin.step(PhaseResult.OP))));
        bars(g, w, 50, w, h, "REST latency per request (ms)", new String[] {"p50", "p95", "p99"}, PERCENTILE_COLORS,
                false, List.of(percentiles("send-code (mail)", r.sendAndVerify.step(RestClients.SEND)),
                        percentiles("Keycloak send-verify-email", r.builtInVerifyEmail.step(RestClients.BUILT_IN)),
                        percentiles("verify-code", r.sendAndVerify.step(RestClients.VERIFY)),
                        percentiles("send-code (returnCode)", r.issueReturned.step(RestClients.SEND_RETURNED))));
        bars(g, 0, 50 + h, w, h, "Keycloak CPU per operation (ms, log scale)", new String[] {"CPU ms per operation"},
                new Color[] {new Color(0x72B7B2)}, true,
                List.of(new Group("login: password", r.passwordLogin.serverCpuMillisPerOp()),
                        new Group("login: + Email OTP", r.otpLogin.serverCpuMillisPerOp()),
                        new Group("send + verify (mail)", r.sendAndVerify.serverCpuMillisPerOp()),
                        new Group("Keycloak verify mail", r.builtInVerifyEmail.serverCpuMillisPerOp()),
                        new Group("send-code (returnCode)", r.issueReturned.serverCpuMillisPerOp()),
                        new Group("verify-code", r.verifyOnly.serverCpuMillisPerOp()),
                        new Group("Keycloak GET user", r.getUser.serverCpuMillisPerOp())));
        scalingLines(g, w, 50 + h, w, h);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static Group percentiles(String label, Latencies latencies) {
        return new Group(label, latencies.percentileMillis(50), latencies.percentileMillis(95), latencies.percentileMillis(99));
    }

    private void bars(Graphics2D g, int x0, int y0, int w, int h, String title, String[] series, Color[] colors,
                      boolean logScale, List<Group> groups) {
        int left = x0 + 70;
        int right = x0 + w - 30;
        int top = y0 + 60;
        int bottom = y0 + h - 70;
        title(g, title, x0 + 30, y0 + 30);
        legend(g, series, colors, x0 + 30, y0 + 48);
        double[] values = groups.stream().flatMapToDouble(gr -> java.util.Arrays.stream(gr.values()))
                .filter(v -> !Double.isNaN(v) && v > 0).toArray();
        double max = java.util.Arrays.stream(values).max().orElse(1);
        Axis axis;
        if (logScale) {
            double min = java.util.Arrays.stream(values).min().orElse(1);
            axis = new LogAxis(Math.pow(10, Math.floor(Math.log10(min))), Math.pow(10, Math.ceil(Math.log10(max))));
        } else {
            double step = niceStep(max / 5);
            axis = new LinearAxis(Math.ceil(max / step) * step, step);
        }
        axis.draw(g, left, right, top, bottom);

        int groupWidth = (right - left) / groups.size();
        int barWidth = Math.min(40, (groupWidth - 30) / series.length);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < groups.size(); i++) {
            Group group = groups.get(i);
            int start = left + i * groupWidth + (groupWidth - barWidth * series.length) / 2;
            for (int s = 0; s < series.length; s++) {
                double value = group.values()[s];
                int barHeight = Double.isNaN(value) || value <= 0 ? 0 : (int) Math.round((bottom - top) * axis.fraction(value));
                int x = start + s * barWidth;
                g.setColor(colors[s]);
                g.fillRect(x + 2, bottom - barHeight, barWidth - 4, barHeight);
                g.setColor(TEXT);
                String label = format(value);
                FontMetrics metrics = g.getFontMetrics();
                g.drawString(label, x + (barWidth - metrics.stringWidth(label)) / 2, bottom - barHeight - 4);
            }
            centered(g, group.label(), left + i * groupWidth + groupWidth / 2, bottom + 20, groupWidth - 6);
        }
    }

    /** Where a value sits on a y axis, and its grid. */
    private interface Axis {
        /** 0 at the bottom, 1 at the top. */
        double fraction(double value);

        void draw(Graphics2D g, int left, int right, int top, int bottom);
    }

    private record LinearAxis(double max, double step) implements Axis {
        @Override
        public double fraction(double value) {
            return value / max;
        }

        @Override
        public void draw(Graphics2D g, int left, int right, int top, int bottom) {
            List<Double> ticks = new ArrayList<>();
            for (double v = 0; v <= max + step / 2; v += step) {
                ticks.add(v);
            }
            grid(g, left, right, top, bottom, ticks, this, step >= 1 ? "%.0f" : step >= 0.1 ? "%.1f" : "%.2f");
        }
    }

    private record LogAxis(double min, double max) implements Axis {
        @Override
        public double fraction(double value) {
            return (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
        }

        @Override
        public void draw(Graphics2D g, int left, int right, int top, int bottom) {
            List<Double> ticks = new ArrayList<>();
            for (double decade = min; decade <= max * 1.001; decade *= 10) {
                ticks.add(decade);
            }
            grid(g, left, right, top, bottom, ticks, this, "%s");
        }
    }

    private void scalingLines(Graphics2D g, int x0, int y0, int w, int h) {
        int left = x0 + 70;
        int right = x0 + w - 30;
        int top = y0 + 60;
        int bottom = y0 + h - 70;
        title(g, "send + verify (mail): pairs/s by concurrent clients", x0 + 30, y0 + 30);
        List<Map<Integer, PhaseResult>> lines = List.of(r.scalingSmall, r.scalingLarge);
        legend(g, new String[] {String.format(Locale.ROOT, "%,d users", r.smallRealmUsers),
                String.format(Locale.ROOT, "%,d users", r.largeRealmUsers)}, LINE_COLORS, x0 + 30, y0 + 48);
        List<Integer> clients = new ArrayList<>(r.scalingSmall.keySet());
        double max = lines.stream().flatMap(m -> m.values().stream()).mapToDouble(PhaseResult::throughput).max().orElse(1);
        double step = niceStep(max / 5);
        double axisMax = Math.ceil(max / step) * step;
        new LinearAxis(axisMax, step).draw(g, left, right, top, bottom);
        int slot = (right - left) / Math.max(1, clients.size());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < clients.size(); i++) {
            centered(g, clients.get(i) + (i == 0 ? " client" : " clients"), left + slot * i + slot / 2, bottom + 20, slot);
        }
        g.setStroke(new BasicStroke(3));
        for (int line = 0; line < lines.size(); line++) {
            Map<Integer, PhaseResult> points = lines.get(line);
            int prevX = -1;
            int prevY = -1;
            for (int i = 0; i < clients.size(); i++) {
                PhaseResult p = points.get(clients.get(i));
                if (p == null) {
                    continue;
                }
                int x = left + slot * i + slot / 2;
                int y = bottom - (int) Math.round((bottom - top) * p.throughput() / axisMax);
                g.setColor(LINE_COLORS[line]);
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, x, y);
                }
                g.fillOval(x - 5, y - 5, 10, 10);
                PhaseResult other = lines.get(1 - line).get(clients.get(i));
                boolean above = other == null || p.throughput() >= other.throughput();
                g.setColor(TEXT);
                g.drawString(format(p.throughput()), x + 8, y + (above ? -8 : 18));
                prevX = x;
                prevY = y;
            }
        }
        g.setStroke(new BasicStroke(1));
    }

    private static void grid(Graphics2D g, int left, int right, int top, int bottom, List<Double> ticks, Axis axis,
                             String labelFormat) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double v : ticks) {
            int y = bottom - (int) Math.round((bottom - top) * (v == 0 ? 0 : axis.fraction(v)));
            g.setColor(GRID);
            g.drawLine(left, y, right, y);
            g.setColor(TEXT);
            String label = labelFormat.equals("%s") ? trim(v) : String.format(Locale.ROOT, labelFormat, v);
            g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        g.setColor(TEXT);
        g.drawLine(left, top, left, bottom);
        g.drawLine(left, bottom, right, bottom);
    }

    private static String trim(double value) {
        return value >= 1 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%s", value);
    }

    private static void title(Graphics2D g, String title, int x, int y) {
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, x, y);
    }

    private static void legend(Graphics2D g, String[] names, Color[] colors, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int at = x;
        for (int i = 0; i < names.length; i++) {
            g.setColor(colors[i]);
            g.fillRect(at, y - 10, 12, 12);
            g.setColor(TEXT);
            g.drawString(names[i], at + 16, y);
            at += 30 + g.getFontMetrics().stringWidth(names[i]);
        }
    }

    /** Draws a label centred at x, on two lines when it is wider than {@code width}. */
    private static void centered(Graphics2D g, String label, int x, int y, int width) {
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics metrics = g.getFontMetrics();
        if (metrics.stringWidth(label) <= width || !label.contains(" ")) {
            g.drawString(label, x - metrics.stringWidth(label) / 2, y);
            return;
        }
        int split = label.lastIndexOf(' ', label.length() / 2 + 4);
        split = split <= 0 ? label.indexOf(' ') : split;
        String first = label.substring(0, split);
        String second = label.substring(split + 1);
        g.drawString(first, x - metrics.stringWidth(first) / 2, y);
        g.drawString(second, x - metrics.stringWidth(second) / 2, y + 15);
    }

    private static double niceStep(double raw) {
        if (raw <= 0 || Double.isNaN(raw)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : value >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
