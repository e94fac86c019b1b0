package org.ihospital.commons.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.junit.jupiter.api.Test;

class PiiMaskInstallerTest {

    /** Keeps what it would have written. */
    static final class Capture extends ExtHandler {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        protected void doPublish(ExtLogRecord record) {
            lines.add(record.getFormattedMessage());
        }
    }

    private final LogContext context = LogContext.create();
    private final Capture root = new Capture();
    private final Capture audit = new Capture();

    PiiMaskInstallerTest() {
        context.getLogger("").addHandler(root);
        context.getLogger("org.example.audit").addHandler(audit);
    }

    @Test
    void masksWhatReachesTheRootsHandlersAndACategorysOwnHandler() {
        PiiMaskInstaller.install(context, Set.of("org.example.audit"));

        context.getLogger("org.example.audit").log(Level.INFO, "姓名：{0} 电话 {1}", new Object[] { "张三", "138 1234 5678" });
        context.getLogger("org.example.other").info("displayName=欧阳娜娜");

        assertThat(audit.lines).containsExactly("姓名：张* 电话 138****5678");
        assertThat(root.lines).containsExactly("姓名：张* 电话 138****5678", "displayName=欧***");
    }

    @Test
    void aHandlersOwnFilterStillDecides() {
        root.setFilter(record -> !record.getMessage().startsWith("noise"));
        PiiMaskInstaller.install(context, Set.of());

        context.getLogger("org.example.other").info("noise from 张三丰");
        context.getLogger("org.example.other").info("姓名：张三丰");

        assertThat(root.lines).containsExactly("姓名：张**");
    }

    @Test
    void installingAgainWrapsNothingTwice() {
        assertThat(PiiMaskInstaller.install(context, Set.of("org.example.audit"))).isEqualTo(2);
        assertThat(PiiMaskInstaller.install(context, Set.of("org.example.audit"))).isZero();
    }
}
