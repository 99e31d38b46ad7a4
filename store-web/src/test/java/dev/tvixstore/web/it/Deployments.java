package dev.tvixstore.web.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The module's own WAR, as built, deployed as ROOT so it sits at {@code /} like in production. */
final class Deployments {

  private Deployments() {}

  static WebArchive storeWar() {
    File war = new File("target/tvix-store.war");
    if (!war.isFile()) {
      throw new IllegalStateException(war.getAbsolutePath() + " missing: run mvn verify");
    }
    return ShrinkWrap.create(WebArchive.class, "ROOT.war")
        .merge(ShrinkWrap.createFromZipFile(WebArchive.class, war));
  }
}
