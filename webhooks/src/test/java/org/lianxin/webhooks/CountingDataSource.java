package org.lianxin.webhooks;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that counts the round trips its users make to the database: every statement executed (a
 * batch counts once: the driver sends it in one go), every commit and rollback. A test wraps the dispatcher's
 * database in it to measure what one delivery costs, independent of the machine's speed.
 */
final class CountingDataSource {
    private final DataSource target;
    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();

    CountingDataSource(DataSource target) {
        this.target = target;
    }

    /** The statements executed so far. */
    long statements() {
        return statements.get();
    }

    /** The commits and rollbacks so far. */
    long commits() {
        return commits.get();
    }

    /** Statements and commits: the round trips. */
    long roundTrips() {
        return statements() + commits();
    }

    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection c ? connection(c) : result;
                });
    }

    private Connection connection(Connection c) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("commit") || name.equals("rollback")) {
                        commits.incrementAndGet();
                    }
                    if (name.equals("unwrap") || name.equals("isWrapperFor")) {
                        return invoke(c, method, args); // the listener's PGConnection
                    }
                    Object result = invoke(c, method, args);
                    return result instanceof Statement s ? statement(s) : result;
                });
    }

    private Statement statement(Statement s) {
        Class<?>[] types = s instanceof java.sql.CallableStatement ? new Class<?>[] {java.sql.CallableStatement.class}
                : s instanceof java.sql.PreparedStatement ? new Class<?>[] {java.sql.PreparedStatement.class}
                : new Class<?>[] {Statement.class};
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) {
                statements.incrementAndGet();
            }
            return invoke(s, method, args);
        };
        return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), types, h);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
