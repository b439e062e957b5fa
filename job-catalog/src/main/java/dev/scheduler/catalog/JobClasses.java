package dev.scheduler.catalog;

import dev.scheduler.catalog.jobs.ClassJobType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Where job classes of teams' own come from: one class loader, the application's plus the jars the
 * node is given. Checks a named class without creating an instance of it (that may need resources
 * only a running node has), so the configuration check reports every mistake up front.
 */
public final class JobClasses {

  private static final Pattern CLASS_NAME =
      Pattern.compile(
          "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
              + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

  private final ClassLoader loader;
  private final String searched;
  private final JobResources resources;

  /**
   * @param loader loads the job classes; its parent is the application's, so that {@link JobAction}
   *     is the scheduler's own
   * @param searched where the loader looks beyond the application's classpath, for messages, e.g.
   *     "node.classpath [/opt/scheduler/jobs/ (billing-jobs.jar)]"
   */
  public JobClasses(ClassLoader loader, String searched) {
    this(loader, searched, JobResources.unavailable());
  }

  private JobClasses(ClassLoader loader, String searched, JobResources resources) {
    this.loader = loader;
    this.searched = searched;
    this.resources = resources;
  }

  /** The application's classpath alone. */
  public static JobClasses application() {
    return new JobClasses(JobAction.class.getClassLoader(), "node.classpath (empty)");
  }

  /** These classes with their instances given those resources. */
  public JobClasses with(JobResources resources) {
    return new JobClasses(loader, searched, resources);
  }

  /**
   * The job type of a job class.
   *
   * @throws IllegalArgumentException saying what is wrong with the class and how to fix it
   */
  public JobType load(String className) {
    if (!CLASS_NAME.matcher(className).matches()) {
      throw new IllegalArgumentException(
          "'" + className + "' is not a class name; write the full name, e.g. com.example.MyJob");
    }
    Class<?> type;
    try {
      // Not initialised: checking the configuration runs none of the class's code.
      type = Class.forName(className, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "class "
              + className
              + " not found; looked in the scheduler's own classpath and "
              + searched
              + "; add its jar to node.classpath");
    } catch (LinkageError e) {
      throw new IllegalArgumentException(
          "class " + className + " cannot be loaded: " + e + "; is a jar it needs missing?", e);
    }
    if (!JobAction.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(
          className
              + " does not implement "
              + JobAction.class.getName()
              + "; a job class implements it (and the jar declares job-catalog as provided)");
    }
    if (Modifier.isAbstract(type.getModifiers())) {
      throw new IllegalArgumentException(
          className + " is abstract or an interface; name a concrete class");
    }
    if (!Modifier.isPublic(type.getModifiers())) {
      throw new IllegalArgumentException(
          className + " is not public; the scheduler can only create a public class");
    }
    return new ClassJobType(constructor(type.asSubclass(JobAction.class)), resources);
  }

  /** Its public constructor taking a JobSetup, else its public no-argument one. */
  private static Constructor<? extends JobAction> constructor(Class<? extends JobAction> type) {
    String simpleName = type.getSimpleName();
    try {
      for (Class<?>[] parameters : new Class<?>[][] {{JobSetup.class}, {}}) {
        try {
          return type.getConstructor(parameters);
        } catch (NoSuchMethodException e) {
          // try the next form
        }
      }
      throw new IllegalArgumentException(
          type.getName()
              + " has no usable public constructor; give it public "
              + simpleName
              + "("
              + JobSetup.class.getName()
              + ") or public "
              + simpleName
              + "(); it has "
              + describe(type.getDeclaredConstructors()));
    } catch (LinkageError e) {
      throw new IllegalArgumentException(
          "the constructors of " + type.getName() + " cannot be loaded: " + e, e);
    }
  }

  private static String describe(Constructor<?>[] constructors) {
    return String.join(
        ", ",
        Arrays.stream(constructors)
            .map(
                constructor ->
                    Modifier.toString(constructor.getModifiers())
                        + " "
                        + constructor.getDeclaringClass().getSimpleName()
                        + "("
                        + String.join(
                            ", ",
                            Arrays.stream(constructor.getParameterTypes())
                                .map(Class::getSimpleName)
                                .toList())
                        + ")")
            .map(String::strip)
            .toList());
  }
}
