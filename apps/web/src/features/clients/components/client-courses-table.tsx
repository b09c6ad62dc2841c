import { formatPresets, type CourseSummary } from "@ipt/shared";
import { Link } from "react-router";
import { courseOutcomeLabels, coursePhaseLabels } from "../../../components/clinical/labels";
import { TableWrap } from "../../../components/table-wrap";
import { paths } from "../../../config/paths";
import { formatCalendarDate } from "../../../lib/format";
import { openCourse } from "./client-record";

/** Every course of one client, oldest first, each linking to its course page. */
export function ClientCoursesTable({ courses }: { courses: CourseSummary[] }) {
  const open = openCourse(courses);
  const caption = "Courses, oldest first";
  return (
    <TableWrap label={caption}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Course</th>
            <th scope="col">Format</th>
            <th scope="col">Phase</th>
            <th scope="col">Planned sessions</th>
            <th scope="col">First session</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {courses.map((course) => (
            <tr key={course.id}>
              <th scope="row">
                <Link to={paths.therapist.course.getHref(course.id)}>Course {course.sequence}</Link>
                {course.id === open?.id ? <span className="cell__note">Open</span> : null}
              </th>
              <td>{formatPresets[course.format].label}</td>
              <td>{coursePhaseLabels[course.phase]}</td>
              <td>{course.plannedSessions}</td>
              <td className="cell--nowrap">
                <time dateTime={course.startDate}>{formatCalendarDate(course.startDate)}</time>
              </td>
              <td>
                {course.outcome ? (
                  courseOutcomeLabels[course.outcome]
                ) : (
                  <span className="muted">Not ended</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
