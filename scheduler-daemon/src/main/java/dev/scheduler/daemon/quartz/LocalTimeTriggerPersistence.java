package dev.scheduler.daemon.quartz;

import dev.scheduler.catalog.quartz.LocalTimeScheduleBuilder;
import dev.scheduler.catalog.quartz.LocalTimeTrigger;
import dev.scheduler.catalog.schedule.Schedule;
import dev.scheduler.catalog.schedule.Schedules;
import java.time.ZoneId;
import org.quartz.impl.jdbcjobstore.SimplePropertiesTriggerPersistenceDelegateSupport;
import org.quartz.impl.jdbcjobstore.SimplePropertiesTriggerProperties;
import org.quartz.spi.OperableTrigger;

/**
 * Stores {@link LocalTimeTrigger}s in Quartz's job store: the schedule's spec ({@code daily 08:00})
 * in {@code str_prop_1} and its zone in {@code str_prop_2} of {@code qrtz_simprop_triggers},
 * readable by anyone looking at the table. Registered with the store's driver delegate.
 */
public final class LocalTimeTriggerPersistence
    extends SimplePropertiesTriggerPersistenceDelegateSupport {

  /** The trigger-type column's value for these triggers. */
  public static final String TYPE = "LOCALTM";

  @Override
  public boolean canHandleTriggerType(OperableTrigger trigger) {
    return trigger instanceof LocalTimeTrigger;
  }

  @Override
  public String getHandledTriggerTypeDiscriminator() {
    return TYPE;
  }

  @Override
  protected SimplePropertiesTriggerProperties getTriggerProperties(OperableTrigger trigger) {
    Schedule schedule = ((LocalTimeTrigger) trigger).schedule();
    SimplePropertiesTriggerProperties properties = new SimplePropertiesTriggerProperties();
    properties.setString1(schedule.spec());
    properties.setString2(schedule.zone().getId());
    return properties;
  }

  @Override
  protected TriggerPropertyBundle getTriggerPropertyBundle(
      SimplePropertiesTriggerProperties properties) {
    Schedule schedule =
        Schedules.fromSpec(properties.getString1(), ZoneId.of(properties.getString2()));
    return new TriggerPropertyBundle(new LocalTimeScheduleBuilder(schedule), null, null);
  }
}
