import { Link } from "react-router";
import { ContractSummary, FocusSummary } from "../../../components/clinical/course-summary";
import { Section } from "../../../components/section";
import { paths } from "../../../config/paths";
import { useCourseOfLayout } from "./course-layout";

/** The focus the therapist and client agreed, and the contract, with the set-up pages that edit them. */
export function CourseFormulationRoute() {
  const course = useCourseOfLayout();
  const setup = paths.therapist.courseSetup;
  return (
    <>
      <Section focusable id="focus-heading" title="Problem area and formulation">
        <FocusSummary course={course} />
        <ul className="link-list">
          <li>
            <Link to={setup.problemArea.getHref(course.client.id, course.id)}>Change the problem area</Link>
          </li>
          <li>
            <Link to={setup.formulation.getHref(course.client.id, course.id)}>
              Edit the formulation and contract
            </Link>
          </li>
          <li>
            <Link to={setup.inventory.getHref(course.client.id, course.id)}>Interpersonal inventory</Link>
          </li>
        </ul>
      </Section>
      <Section focusable id="contract-heading" title="Contract">
        <ContractSummary course={course} />
      </Section>
    </>
  );
}
