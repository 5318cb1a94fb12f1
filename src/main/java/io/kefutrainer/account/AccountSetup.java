package io.kefutrainer.account;

import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Accounts that must exist: the first administrator of an empty database, and the demo cohort for `serve --demo`. */
public final class AccountSetup {

    public static final String DEMO_PASSWORD = "demo1234";
    public static final String DEMO_COHORT = "演示班";

    record DemoAccount(String username, String displayName, Role role, boolean inCohort) {
    }

    static final List<DemoAccount> DEMO_ACCOUNTS = List.of(
            new DemoAccount("trainee1", "王小美", Role.trainee, true),
            new DemoAccount("trainee2", "李明", Role.trainee, true),
            new DemoAccount("trainee3", "张婷婷", Role.trainee, true),
            new DemoAccount("trainer1", "陈老师", Role.trainer, true),
            new DemoAccount("manager1", "刘主管", Role.manager, true),
            new DemoAccount("admin1", "演示管理员", Role.admin, false));

    private final Accounts users;
    private final Cohorts cohorts;
    private final Hashing hashing;

    public AccountSetup(Accounts users, Cohorts cohorts, Hashing hashing) {
        this.users = users;
        this.cohorts = cohorts;
        this.hashing = hashing;
    }

    /** On an empty database, creates `admin` with a random password and returns it (to be printed once). */
    public Future<Optional<String>> ensureFirstAdmin() {
        return users.count().compose(count -> {
            if (count > 0) {
                return Future.succeededFuture(Optional.empty());
            }
            String password = Passwords.generate();
            return hashing.hash(password)
                    .compose(hash -> users.create(new Accounts.NewUser("admin", "管理员", Role.admin, hash)))
                    // Another instance may have created it a moment earlier; then its password was printed there.
                    .map(created -> created.map(u -> password));
        });
    }

    /** Adds the demo cohort and accounts that are missing; running it again adds nothing. */
    public Future<Void> seedDemo() {
        return cohorts.ensure(DEMO_COHORT, "演示用批次:三名学员、一名培训师和一名主管").compose(cohortId -> {
            Future<Void> chain = Future.succeededFuture();
            for (DemoAccount account : DEMO_ACCOUNTS) {
                chain = chain.compose(x -> ensureDemoUser(account, cohortId));
            }
            return chain;
        });
    }

    private Future<Void> ensureDemoUser(DemoAccount account, long cohortId) {
        return users.credentials(account.username()).compose(existing -> {
            Future<Optional<User>> user = existing.isPresent()
                    ? Future.succeededFuture(existing.map(Accounts.Credentials::user))
                    : hashing.hash(DEMO_PASSWORD).compose(hash -> users.create(
                            new Accounts.NewUser(account.username(), account.displayName(), account.role(), hash)));
            return user.compose(u -> u.isPresent() && account.inCohort()
                    ? cohorts.addMember(cohortId, u.get().id())
                    : Future.succeededFuture());
        });
    }

    public static List<String> demoUsernames() {
        List<String> names = new ArrayList<>();
        DEMO_ACCOUNTS.forEach(a -> names.add(a.username()));
        return names;
    }
}
