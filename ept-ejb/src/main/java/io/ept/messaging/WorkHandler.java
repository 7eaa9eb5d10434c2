package io.ept.messaging;

import io.ept.messaging.probe.PipelineProbe;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/** Routes a consumed message to the service that owns its type. The MDBs only unwrap JMS and call this. */
@Stateless
public class WorkHandler {

    @Inject
    PipelineProbe probe;

    public void handle(String type, String body) {
        if (type == null) {
            throw new UnprocessableWorkException("message without " + WorkTypes.PROPERTY + " property");
        }
        switch (type) {
            case WorkTypes.PROBE -> probe.record(body);
            default -> throw new UnprocessableWorkException("unknown work type '" + type + "'");
        }
    }
}
