package io.ept.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An IT class that tests ept.ear as a client: Arquillian deploys the built EAR into the WildFly it started (with
 * the services of {@link TestInfrastructure}) before the class's tests and undeploys it after them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class DeployedEar {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return EptDeployment.ear();
    }
}
